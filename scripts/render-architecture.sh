#!/usr/bin/env bash
# Renders docs/architecture.puml to docs/architecture.svg with PlantUML (the MIT-licensed build from
# Maven Central; its own layout engine, so no Graphviz is needed). Run it after editing the diagram:
# engine's ArchitectureTest checks the code against the .puml and that the .svg shows its components.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=1.2026.10
JAR="$HOME/.m2/repository/net/sourceforge/plantuml/plantuml-mit/$VERSION/plantuml-mit-$VERSION.jar"
[ -f "$JAR" ] || mvn -B -ntp -q dependency:get -Dartifact="net.sourceforge.plantuml:plantuml-mit:$VERSION"
java -Djava.awt.headless=true -jar "$JAR" -tsvg docs/architecture.puml
echo "wrote docs/architecture.svg"
