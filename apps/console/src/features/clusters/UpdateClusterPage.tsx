/**
 * **Update cluster** (/clusters/:cluster/update): monitoring, ECS Exec logging and the Service Connect
 * default namespace, through UpdateCluster, as the ECS console's cluster page offers.
 */
import Button from "@cloudscape-design/components/button";
import Form from "@cloudscape-design/components/form";
import FormField from "@cloudscape-design/components/form-field";
import Input from "@cloudscape-design/components/input";
import RadioGroup from "@cloudscape-design/components/radio-group";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { updateCluster } from "../../api/account-settings.ts";
import { queryKeys } from "../../api/query-keys.ts";
import { useFlash } from "../../app/flash.tsx";
import { Page } from "../../app/Page.tsx";
import { Alert } from "../../components/Alert.tsx";
import { Container } from "../../components/Container.tsx";
import { LoadState } from "../../components/LoadState.tsx";
import { INSIGHTS_CHOICES } from "../account-settings/settings-words.ts";
import { useCluster } from "./queries.ts";

interface Values {
  containerInsights: string;
  execLogging: "DEFAULT" | "NONE";
  namespace: string;
}

export function UpdateClusterPage() {
  const { cluster: name = "" } = useParams();
  const cluster = useCluster(name, ["SETTINGS", "CONFIGURATIONS"]);
  const [values, setValues] = useState<Values | null>(null);
  const navigate = useNavigate();
  const flash = useFlash();
  const client = useQueryClient();
  const back = `/clusters/${encodeURIComponent(name)}/services`;

  useEffect(() => {
    const c = cluster.data;
    if (c && !values) {
      setValues({
        containerInsights: c.settings?.find((s) => s.name === "containerInsights")?.value ?? "disabled",
        execLogging: (c as { configuration?: { executeCommandConfiguration?: { logging?: string } } }).configuration?.executeCommandConfiguration?.logging === "NONE" ? "NONE" : "DEFAULT",
        namespace: (c as { serviceConnectDefaults?: { namespace?: string } }).serviceConnectDefaults?.namespace?.split("/").pop() ?? "",
      });
    }
  });
  const set = (patch: Partial<Values>) => setValues((v) => (v ? { ...v, ...patch } : v));
  const update = useMutation({
    mutationFn: () =>
      updateCluster({
        cluster: name,
        settings: [{ name: "containerInsights", value: values!.containerInsights }],
        configuration: { executeCommandConfiguration: { logging: values!.execLogging } },
        ...(values!.namespace.trim() ? { serviceConnectDefaults: { namespace: values!.namespace.trim() } } : {}),
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.clusters.all });
      flash.push({ type: "success", header: `Cluster ${name} has been updated successfully.`, path: back });
      void navigate(back);
    },
  });

  return (
    <Page breadcrumbs={[{ text: "Clusters", href: "/clusters" }, { text: name, href: back }, { text: "Update cluster" }]} title="Update cluster">
      <LoadState what="cluster" query={cluster} missing={cluster.data === null} notFound={`Cluster ${name} does not exist or has been deleted.`} />
      {values && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate();
          }}
        >
          <Form
            errorText={update.error?.message}
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button variant="link" formAction="none" onClick={() => void navigate(back)}>
                  Cancel
                </Button>
                <Button variant="primary" loading={update.isPending}>
                  Update
                </Button>
              </SpaceBetween>
            }
          >
            <SpaceBetween size="l">
              <Container title="Monitoring - optional" description="Container Insights collects, aggregates and summarizes the cluster's metrics and logs.">
                <RadioGroup ariaLabel="Container Insights" value={values.containerInsights} onChange={({ detail }) => set({ containerInsights: detail.value })} items={INSIGHTS_CHOICES} />
              </Container>
              <Container title="Troubleshooting configuration - optional" description="ECS Exec runs commands in the cluster's containers.">
                <FormField label="ECS Exec logging">
                  <RadioGroup
                    value={values.execLogging}
                    onChange={({ detail }) => set({ execLogging: detail.value as Values["execLogging"] })}
                    items={[
                      { value: "DEFAULT", label: "Default", description: "The awslogs configuration of the task definition." },
                      { value: "NONE", label: "None", description: "ECS Exec sessions are not logged." },
                    ]}
                  />
                </FormField>
              </Container>
              <Container title="Service Connect defaults">
                <FormField label="Default namespace - optional" description="The AWS Cloud Map namespace new services of this cluster use for Service Connect.">
                  <Input value={values.namespace} onChange={({ detail }) => set({ namespace: detail.value })} placeholder={name} />
                </FormField>
              </Container>
              {update.isError && <Alert type="error" header={`There was an error updating cluster ${name}.`}>{update.error.message}</Alert>}
            </SpaceBetween>
          </Form>
        </form>
      )}
    </Page>
  );
}
