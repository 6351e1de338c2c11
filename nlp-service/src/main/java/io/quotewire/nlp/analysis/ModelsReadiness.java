package io.quotewire.nlp.analysis;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the NLP models are loaded: no article waits on a half-started instance. */
@Readiness
@ApplicationScoped
public class ModelsReadiness implements HealthCheck {

    private final Analyzer analyzer;

    public ModelsReadiness(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("NLP models").status(analyzer.loaded()).build();
    }
}
