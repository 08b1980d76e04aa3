#!/usr/bin/env bash
# Mutation testing of the engine's unit tests with PIT (pitest-maven and its JUnit 5 plugin, from
# Maven Central). The integration tests are not run: PIT mutates the engine and reruns the unit tests
# that cover each mutant. Prints the score per package (killed or timed-out mutants over all viable
# ones, the mutants no test covers counted as survivors) and writes it to
# engine/target/pit-reports/packages.md; the full HTML report is engine/target/pit-reports/index.html.
# Takes about 20 minutes on 2 cores. Extra arguments go to Maven, e.g.
#   scripts/mutation.sh -DtargetClasses='dev.morganbuild.engine.cache.*'   # one package
#   scripts/mutation.sh -Dmutation.threads=4
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -ntp -q -pl engine -P mutation -DskipITs test-compile org.pitest:pitest-maven:mutationCoverage "$@"

xml=engine/target/pit-reports/mutations.xml
out=engine/target/pit-reports/packages.md
[ -f "$xml" ] || { echo "mutation.sh: PIT wrote no $xml" >&2; exit 1; }
# one <mutation ...> element per line: its detected flag, status and mutated class
grep -o "<mutation [^>]*>.*</mutatedClass>" "$xml" | awk '
  {
    status = $0; sub(/.*status=./, "", status); sub(/["\x27].*/, "", status)
    cls = $0; sub(/.*<mutatedClass>/, "", cls); sub(/<\/mutatedClass>.*/, "", cls)
    pkg = cls; sub(/\.[^.]*$/, "", pkg); sub(/^dev\.morganbuild\.engine\.?/, "", pkg); if (pkg == "") pkg = "(root)"
    if (status == "NON_VIABLE") next
    total[pkg]++; all++
    if (status == "KILLED" || status == "TIMED_OUT" || status == "MEMORY_ERROR") { killed[pkg]++; dead++ }
    if (status == "NO_COVERAGE") nocov[pkg]++
  }
  END {
    printf "| package | mutants | killed | not covered | score |\n|---|---:|---:|---:|---:|\n"
    n = 0; for (p in total) names[++n] = p
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (names[j] < names[i]) { t = names[i]; names[i] = names[j]; names[j] = t }
    for (i = 1; i <= n; i++) { p = names[i]
      printf "| %s | %d | %d | %d | %.0f %% |\n", p, total[p], killed[p], nocov[p], 100 * killed[p] / total[p] }
    printf "| **all** | %d | %d | | **%.0f %%** |\n", all, dead, 100 * dead / all
  }' | tee "$out"
