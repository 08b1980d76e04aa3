package dev.morganbuild.engine.dockerfile;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformArgsTest {
    private static final BuildPlatform AMD64 = new BuildPlatform("linux", "amd64", "");
    private static final BuildPlatform ARM64 = new BuildPlatform("linux", "arm64", "");
    private static final String MULTI_ARCH = """
            FROM pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime AS build-amd64
            FROM python:3.11-slim AS build-arm64
            FROM build-${TARGETARCH} AS final
            RUN true
            """;

    @Test
    void shouldResolveFromStageChainsThroughTargetArch() {
        DockerfileInfo amd = DockerfileInfo.parse("Dockerfile", MULTI_ARCH, Map.of(), AMD64);
        DockerfileInfo arm = DockerfileInfo.parse("Dockerfile", MULTI_ARCH, Map.of(), ARM64);

        assertThat(amd.baseImage("final")).isEqualTo("pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime");
        assertThat(arm.baseImage("final")).isEqualTo("python:3.11-slim");
        assertThat(amd.chain("final")).extracting(DockerfileInfo.Stage::name).containsExactly("build-amd64", "final");
        assertThat(amd.stage("final").orElseThrow().platformArgs()).containsExactly(Map.entry("TARGETARCH", "amd64"));
        assertThat(amd.stage("build-amd64").orElseThrow().platformArgs()).isEmpty();
    }

    @Test
    void shouldOfferEveryAutomaticPlatformArgWithoutAnArgInstruction() {
        String text = "FROM img:${TARGETOS}-${TARGETARCH}-${TARGETVARIANT}-${TARGETPLATFORM}-$BUILDOS-$BUILDARCH\n";
        DockerfileInfo info = DockerfileInfo.parse("Dockerfile", text, Map.of(), new BuildPlatform("linux", "arm", "v7"));

        String build = BuildPlatform.host().os() + "-" + BuildPlatform.host().arch();
        assertThat(info.baseImage(null)).isEqualTo("img:linux-arm-v7-linux/arm/v7-" + build);
        assertThat(info.stages().get(0).platformArgs()).containsOnlyKeys("TARGETOS", "TARGETARCH", "TARGETVARIANT",
                "TARGETPLATFORM", "BUILDOS", "BUILDARCH");
    }

    @Test
    void shouldKeepTheAutomaticValueForAGlobalArgWithoutDefaultAndFollowArgDefaults() {
        String text = """
                ARG TARGETARCH
                ARG RUNTIME=runtime-${TARGETARCH}
                FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04 AS runtime-amd64
                FROM debian:bookworm-slim AS runtime-arm64
                FROM ${RUNTIME}
                """;
        DockerfileInfo info = DockerfileInfo.parse("Dockerfile", text, Map.of(), AMD64);

        assertThat(info.baseImage(null)).isEqualTo("nvidia/cuda:12.4.1-runtime-ubuntu22.04");
        assertThat(info.stages().get(2).platformArgs()).containsExactly(Map.entry("TARGETARCH", "amd64"));
        assertThat(info.globalArgs()).containsEntry("TARGETARCH", null).containsEntry("RUNTIME", "runtime-amd64");
    }

    @Test
    void shouldLetADefaultOrABuildArgOverrideThePlatformArg() {
        String declared = "ARG TARGETARCH=arm64\n" + MULTI_ARCH;

        assertThat(DockerfileInfo.parse("Dockerfile", declared, Map.of(), AMD64).baseImage("final"))
                .isEqualTo("python:3.11-slim");
        assertThat(DockerfileInfo.parse("Dockerfile", declared, Map.of(), AMD64).stage("final").orElseThrow()
                .platformArgs()).isEmpty();
        assertThat(DockerfileInfo.parse("Dockerfile", "ARG TARGETARCH\n" + MULTI_ARCH, Map.of("TARGETARCH", "arm64"),
                AMD64).baseImage("final")).isEqualTo("python:3.11-slim");
    }

    @Test
    void shouldLeaveFromPlatformFlagsAsWritten() {
        DockerfileInfo info = DockerfileInfo.parse("Dockerfile", "FROM --platform=$BUILDPLATFORM golang:1.22 AS b\n",
                Map.of(), AMD64);

        assertThat(info.stages().get(0).platform()).isEqualTo("$BUILDPLATFORM");
    }

    @Test
    void shouldChooseTheTargetPlatformAsComposeDoes() {
        assertThat(BuildPlatform.target(List.of("linux/arm64", "linux/amd64"), Map.of("DOCKER_DEFAULT_PLATFORM",
                "linux/amd64"))).isEqualTo(ARM64);
        assertThat(BuildPlatform.target(List.of(), Map.of("DOCKER_DEFAULT_PLATFORM", "linux/arm64"))).isEqualTo(ARM64);
        assertThat(BuildPlatform.target(List.of(), Map.of())).isEqualTo(BuildPlatform.host());
        assertThat(BuildPlatform.target(List.of("not//valid"), Map.of())).isEqualTo(BuildPlatform.host());
        assertThat(BuildPlatform.parse("linux/arm/v7")).hasToString("linux/arm/v7");
        assertThat(BuildPlatform.parse("arm64")).isEqualTo(ARM64);
        assertThat(BuildPlatform.parse("a/b/c/d")).isNull();
    }
}
