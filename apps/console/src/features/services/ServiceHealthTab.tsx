/** **Health and metrics**: the service's task counts and rollout, then CPU and memory utilization charts. */
import { Stack } from "../../app/Page.tsx";
import { Container } from "../../components/Container.tsx";
import { KeyValueGrid } from "../../components/KeyValue.tsx";
import { StatusIndicator } from "../../components/StatusIndicator.tsx";
import type { Service } from "../../api/services.ts";
import { MetricChart } from "./MetricChart.tsx";
import { METRIC_PERIOD_S, useServiceMetric, type MetricName } from "./queries.ts";
import { DeploymentsAndTasks } from "./ServiceCells.tsx";
import { primaryDeployment, rolloutKind, rolloutText } from "./service-format.ts";

function Chart({ cluster, service, metric, title }: { cluster: string; service: string; metric: MetricName; title: string }) {
  const q = useServiceMetric(cluster, service, metric);
  const now = Date.now();
  return (
    <MetricChart
      title={title}
      start={q.data?.start ?? now - 3_600_000}
      end={q.data?.end ?? now}
      datapoints={q.data?.statistics?.datapoints ?? []}
      periodSeconds={METRIC_PERIOD_S}
      unavailable={q.data ? !q.data.available : false}
      loading={q.isPending}
      error={q.error}
    />
  );
}

export function ServiceHealthTab({ cluster, service }: { cluster: string; service: Service }) {
  const primary = primaryDeployment(service);
  return (
    <Stack>
      <Container title="Health">
        <KeyValueGrid
          columns={4}
          items={[
            { label: "Deployments and tasks", value: <DeploymentsAndTasks service={service} /> },
            { label: "Pending tasks", value: service.pendingCount },
            {
              label: "Last deployment",
              value: primary ? <StatusIndicator kind={rolloutKind(primary.rolloutState)}>{rolloutText(primary.rolloutState)}</StatusIndicator> : "-",
            },
            { label: "Failed tasks", value: primary?.failedTasks ?? 0 },
          ]}
        />
      </Container>
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-2">
        <Chart cluster={cluster} service={service.serviceName} metric="CPUUtilization" title="CPU utilization" />
        <Chart cluster={cluster} service={service.serviceName} metric="MemoryUtilization" title="Memory utilization" />
      </div>
    </Stack>
  );
}
