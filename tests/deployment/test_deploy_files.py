"""The deployment files say what the issue asks of them: one Dockerfile shape for all five,
compose with healthchecks, a migration step and no secret in the file, charts whose rendered
Deployments are non-root with probes and a read-only root, alerts on metrics that exist."""

from __future__ import annotations

import re
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from jenjang_shared.metrics import ServiceMetrics

ROOT = Path(__file__).resolve().parents[2]
SERVICES = {
    "personnel": 8001,
    "training": 8002,
    "mentoring": 8003,
    "evaluation": 8004,
    "welfare": 8005,
}
HELM = ROOT / "build" / "tools" / "helm"


def _generic(service: str) -> str:
    text = (ROOT / "services" / service / "Dockerfile").read_text()
    # Each copies every member's pyproject.toml (uv resolves the workspace from them).
    members = re.findall(r"^COPY services/(\w+)/pyproject.toml ", text, re.M)
    assert members == list(SERVICES), f"{service}: {members}"
    text = re.sub(r"^COPY services/\w+/pyproject.toml .*\n", "", text, flags=re.M)
    port = str(SERVICES[service])
    return text.replace(service.upper(), "SVC").replace(service, "svc").replace(port, "PORT")


def test_the_five_dockerfiles_are_one_shape():
    shapes = {service: _generic(service) for service in SERVICES}
    assert len(set(shapes.values())) == 1, "a Dockerfile drifted from the others"


def test_the_final_stage_is_non_root_on_the_slim_base_without_build_tools():
    text = (ROOT / "services" / "personnel" / "Dockerfile").read_text()
    assert "ARG BASE_IMAGE=python:3.11-slim" in text
    final = text.split("\nFROM ")[-1]
    assert re.search(r"^USER 10001:10001$", final, re.M)
    assert "uv sync" not in final and "pip install" not in final and "apt-get" not in final
    assert 'org.opencontainers.image.version="${VERSION}"' in final
    assert "org.opencontainers.image.source" in final
    assert "--package jenjang-personnel" in text and "COPY services/training/src" not in text


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_services_have_healthchecks_and_start_after_their_migration():
    services = _compose()["services"]
    for infra in ("postgres", "kafka", "keycloak"):
        assert "healthcheck" in services[infra]
    for service in SERVICES:
        spec = services[service]
        assert "healthcheck" in spec and "/health/ready" in " ".join(spec["healthcheck"]["test"])
        assert (
            spec["depends_on"][f"{service}-migrate"]["condition"]
            == "service_completed_successfully"
        )
        assert spec["environment"][f"{service.upper()}_MIGRATE_ON_START"] == "false"
        assert services[f"{service}-migrate"]["command"] == ["migrate"]
        assert (
            services[f"{service}-migrate"]["depends_on"]["postgres"]["condition"]
            == "service_healthy"
        )


def test_compose_writes_no_secret_and_env_example_names_every_required_one():
    text = (ROOT / "docker-compose.yml").read_text()
    required = set(re.findall(r"\$\{(\w+):\?", text))
    example = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    }
    assert required <= example, f"missing from .env.example: {required - example}"
    for key, value in re.findall(r"^\s+(\w*(?:PASSWORD|SECRET)\w*):\s*(.+)$", text, re.M):
        assert value.startswith("${") and ":?" in value, f"{key} is not a guarded variable"


def _rendered(service: str) -> list[dict]:
    if not HELM.exists():
        if shutil.which("go") is None:
            pytest.skip("helm is not built and go is missing")
        subprocess.run(["make", "-C", str(ROOT), "build/tools/helm"], check=True)
    values = ROOT / "deploy" / "helm" / "values" / f"{service}.yaml"
    chart = ROOT / "deploy" / "helm" / "jenjang-service"
    out = subprocess.run([str(HELM), "template", service, str(chart), "-f", str(values)],
                         check=True, capture_output=True, text=True).stdout  # fmt: skip
    return [doc for doc in yaml.safe_load_all(out) if doc]


@pytest.mark.parametrize("service", SERVICES)
def test_the_chart_renders_a_locked_down_deployment_with_its_migration_hook(service):
    docs = _rendered(service)
    kinds = {doc["kind"] for doc in docs}
    assert {"Deployment", "Service", "ConfigMap", "HorizontalPodAutoscaler", "PodDisruptionBudget",
            "NetworkPolicy", "Job", "ServiceMonitor"} <= kinds  # fmt: skip
    assert "Secret" not in kinds  # referenced, never written
    [deployment] = [d for d in docs if d["kind"] == "Deployment"]
    pod = deployment["spec"]["template"]["spec"]
    [container] = pod["containers"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready"
    assert container["livenessProbe"]["httpGet"]["path"] == "/health/live"
    assert container["resources"]["limits"] and pod["topologySpreadConstraints"]
    [job] = [d for d in docs if d["kind"] == "Job"]
    assert job["metadata"]["annotations"]["helm.sh/hook"] == "pre-install,pre-upgrade"
    assert job["spec"]["template"]["spec"]["containers"][0]["args"] == ["migrate"]
    [config] = [
        d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"].endswith("-config")
    ]
    assert config["data"][f"{service.upper()}_MIGRATE_ON_START"] == "false"
    cronjobs = {d["metadata"]["name"] for d in docs if d["kind"] == "CronJob"}
    expected = {"evaluation": {"evaluation-promotion-sweep"},
                "training": {"training-jp-shortfall-sweep"}}.get(service, set())  # fmt: skip
    assert cronjobs == expected


def test_the_platform_values_follow_the_event_contracts():
    generator = runpy.run_path(str(ROOT / "deploy" / "helm" / "generate_platform.py"))
    assert generator["VALUES"].read_text() == generator["render"](), "run generate_platform.py"


def test_every_alert_and_panel_reads_a_metric_the_services_expose():
    exposed = {"jenjang_consumer_events_total", "jenjang_consumer_running", "jenjang_consumer_stalled",
               "jenjang_relay_published_total", "jenjang_relay_leader",
               "jenjang_db_pool_connections", "jenjang_db_pool_max"}  # fmt: skip
    for line in ServiceMetrics("x").render().decode().splitlines():
        if line.startswith("# TYPE "):
            name, kind = line.split()[2:4]
            exposed.add(name)
            if kind == "histogram":
                exposed |= {f"{name}_bucket", f"{name}_count", f"{name}_sum"}
    rules = yaml.safe_load((ROOT / "deploy" / "prometheus" / "jenjang-alerts.yaml").read_text())
    exprs = [rule["expr"] for group in rules["groups"] for rule in group["rules"]]
    dashboard = (ROOT / "deploy" / "grafana" / "jenjang-services.json").read_text()
    exprs += re.findall(r'"expr": "((?:[^"\\]|\\.)*)"', dashboard)
    used = {name for expr in exprs for name in re.findall(r"\bjenjang_\w+", expr)}
    assert used and used <= exposed, f"not exposed: {used - exposed}"
    names = {rule["alert"] for group in rules["groups"] for rule in group["rules"]}
    assert {"JenjangOutboxBacklogOld", "JenjangConsumerLagGrowing", "JenjangDeadLetter",
            "JenjangReadinessFlapping"} <= names  # fmt: skip
