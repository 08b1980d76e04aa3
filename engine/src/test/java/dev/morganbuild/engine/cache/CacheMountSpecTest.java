package dev.morganbuild.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CacheMountSpecTest {
    @Test
    void shouldReadTheCacheMountsOfAStepAndDefaultTheIdToTheTarget() {
        String step = "[base 2/2] RUN --mount=type=cache,target=/var/cache/apt,sharing=locked     "
                + "--mount=type=cache,id=apt-lists,target=/var/lib/apt/lists --mount=type=secret,id=tok,target=/t "
                + "apt-get update -qq &&   apt-get install -y python3";

        assertThat(CacheMountSpec.ofStep(step)).containsExactly(
                new CacheMountSpec("/var/cache/apt", "/var/cache/apt", "apt-get update -qq && apt-get install -y python3"),
                new CacheMountSpec("apt-lists", "/var/lib/apt/lists", "apt-get update -qq && apt-get install -y python3"));
        assertThat(CacheMountSpec.commandOfStep(step)).isEqualTo("apt-get update -qq && apt-get install -y python3");
        assertThat(CacheMountSpec.ofStep("[app 1/3] WORKDIR /srv")).isEmpty();
        assertThat(CacheMountSpec.commandOfStep("[internal] load build context")).isEmpty();
    }

    @Test
    void shouldNameTheKindOfPackageCache() {
        assertThat(CacheMountSpec.kind("/var/cache/apt", "/var/cache/apt")).isEqualTo("apt");
        assertThat(CacheMountSpec.kind("/root/.cache/pip", "/root/.cache/pip")).isEqualTo("pip");
        assertThat(CacheMountSpec.kind("/root/.cache/uv", "/root/.cache/uv")).isEqualTo("uv");
        assertThat(CacheMountSpec.kind("models", "/models")).isEqualTo("other");
    }
}
