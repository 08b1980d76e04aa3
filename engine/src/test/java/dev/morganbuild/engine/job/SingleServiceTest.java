package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** morganBuild(service:) takes exactly one compose service. */
class SingleServiceTest {
    private static final List<String> SERVICES = List.of("core", "llm");

    @Test
    void shouldAcceptOneServiceOfTheComposeFile() {
        assertThat(SingleService.problem("llm", SERVICES, SERVICES, "docker-compose.yml")).isEmpty();
    }

    @Test
    void shouldRefuseSelectionsListsAndUnknownNamesNamingTheServicesAndTheFormsForSeveral() {
        for (String bad : List.of("all", "cpu", "CUDA", "core,llm", "core llm", "nope")) {
            assertThat(SingleService.problem(bad, SERVICES, SERVICES, "docker-compose.yml")).as(bad)
                    .hasValueSatisfying(m -> assertThat(m).contains("exactly one compose service")
                            .contains("Services in docker-compose.yml: core, llm")
                            .contains("morgan.build('a', 'b')").contains("morgan.buildAll(only: 'cuda')"));
        }
        assertThat(SingleService.problem("nope", SERVICES, SERVICES, "docker-compose.yml"))
                .hasValueSatisfying(m -> assertThat(m).contains("there is no service 'nope'"));
    }

    @Test
    void shouldRefuseABlankServiceInTheForm() {
        assertThat(SingleService.formProblem(" ")).hasValue("name the compose service to build");
        assertThat(SingleService.formProblem("core")).isEmpty();
    }
}
