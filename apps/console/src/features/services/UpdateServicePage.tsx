/** **Update service** (/clusters/:cluster/services/:service/update). */
import { useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router";
import { useFlash } from "../../app/flash.tsx";
import { Page, Stack } from "../../app/Page.tsx";
import { Alert } from "../../components/Alert.tsx";
import { Button, LinkButton } from "../../components/Button.tsx";
import { Container } from "../../components/Container.tsx";
import { FieldErrors } from "../../components/Fields.tsx";
import { Checkbox } from "../../components/FormField.tsx";
import { KeyValueGrid } from "../../components/KeyValue.tsx";
import { focusFirstInvalid } from "../../lib/focus.ts";
import type { Service } from "../../api/services.ts";
import { useUpdateService } from "./mutations.ts";
import { useService } from "./queries.ts";
import { LoadState } from "../../components/LoadState.tsx";
import { servicePath } from "./ServiceCells.tsx";
import { DeploymentOptions, FailureDetection, TaskCountFields, TaskDefinitionFields, useChosenDefinition } from "./ServiceFormSections.tsx";
import { launchTypeOf, placementApplies } from "../../lib/launch.ts";
import { defaultNetwork } from "../../lib/networking.ts";
import { NetworkingSection } from "../networking/NetworkingFields.tsx";
import { useDefaultVpc } from "../networking/queries.ts";
import { ComputeSummary } from "./ServiceCompute.tsx";
import { checkServiceForm, toUpdateServiceInput, updateFormOf, type ServiceFormValues } from "./service-form.ts";
import { revisionOf, serviceTypeText } from "./service-format.ts";
import { ServicePlacement } from "./ServicePlacement.tsx";

type UpdateValues = ServiceFormValues & { forceNewDeployment: boolean };

function UpdateServiceForm({ cluster, service }: { cluster: string; service: Service }) {
  const navigate = useNavigate();
  const flash = useFlash();
  const update = useUpdateService();
  const [values, setValues] = useState<UpdateValues>(() => updateFormOf(service, cluster));
  const [submitted, setSubmitted] = useState(false);
  const set = (patch: Partial<UpdateValues>) => setValues((v) => ({ ...v, ...patch }));
  const definition = useChosenDefinition(values);
  const vpc = useDefaultVpc();
  const errors = checkServiceForm(values, "update", { definition });
  const fargate = !placementApplies(values, {});
  const back = servicePath(cluster, service.serviceName);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(errors).length) {
      focusFirstInvalid(e.currentTarget);
      return;
    }
    // A revision that turns to awsvpc gets the default networking shown for it.
    const network = values.network ?? (definition?.networkMode === "awsvpc" ? defaultNetwork(vpc.data ?? undefined) : null);
    update.mutate(toUpdateServiceInput({ ...values, network }, service.serviceName, definition?.networkMode), {
      onSuccess: () => {
        const path = servicePath(cluster, service.serviceName, "deployments");
        flash.push({ type: "success", header: `Service ${service.serviceName} has been updated successfully.`, path });
        navigate(path);
      },
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Update service">
      <FieldErrors value={submitted ? (errors as Record<string, string>) : {}}>
        <Stack>
          {update.error && (
            <Alert type="error" header="Service update failed" scrollIntoView>
              {update.error.message}
            </Alert>
          )}
          <Container title="Service details">
            <KeyValueGrid
              columns={3}
              items={[
                { label: "Cluster", value: cluster },
                { label: "Service name", value: service.serviceName },
                { label: "Service type", value: serviceTypeText(service.schedulingStrategy) },
                { label: "Current task definition", value: revisionOf(service.taskDefinition) },
              ]}
            />
          </Container>
          <Container title="Compute configuration" description="The service keeps the compute it was created with.">
            <ComputeSummary service={service} />
          </Container>
          <Container title="Deployment configuration">
            <Stack gap="gap-4">
              <Checkbox
                label="Force new deployment"
                description="Start a new deployment even when the task definition does not change, for example to pull a newer image with the same tag. The tasks are replaced within Min and Max running tasks."
                checked={values.forceNewDeployment}
                onChange={(forceNewDeployment) => set({ forceNewDeployment })}
              />
              <TaskDefinitionFields values={values} set={set} />
              <TaskCountFields values={values} set={set} desiredDescription="Specify the number of tasks to run." />
            </Stack>
          </Container>
          <DeploymentOptions values={values} set={set} />
          <FailureDetection values={values} set={set} />
          {definition?.networkMode === "awsvpc" && (
            <NetworkingSection
              networkMode="awsvpc"
              launchType={launchTypeOf(values, {})}
              value={values.network ?? defaultNetwork(vpc.data ?? undefined)}
              onChange={(network) => set({ network })}
            />
          )}
          <ServicePlacement
            value={values.placement}
            onChange={(placement) => set({ placement })}
            serviceType={values.serviceType}
            cluster={cluster}
            showErrors={submitted}
            fargate={fargate}
          />
          <div className="flex justify-end gap-2">
            <LinkButton variant="link" to={back}>
              Cancel
            </LinkButton>
            <Button variant="primary" type="submit" loading={update.isPending}>
              Update
            </Button>
          </div>
        </Stack>
      </FieldErrors>
    </form>
  );
}

export function UpdateServicePage() {
  const { cluster = "", service: name = "" } = useParams();
  const service = useService(cluster, name);
  const clusterPath = `/clusters/${encodeURIComponent(cluster)}`;
  return (
    <Page
      breadcrumbs={[
        { text: "Clusters", href: "/clusters" },
        { text: cluster, href: `${clusterPath}/services` },
        { text: "Services", href: `${clusterPath}/services` },
        { text: name, href: servicePath(cluster, name) },
        { text: "Update" },
      ]}
      title="Update service"
      docTitle={`Update ${name}`}
      description={`Change service ${name}. A new task definition revision or Force new deployment starts a new deployment.`}
    >
      <LoadState what="service" query={service} missing={service.data === null} notFound={`Service ${name} does not exist in cluster ${cluster}.`} />
      {service.data && service.data.status !== "ACTIVE" && (
        <Alert type="warning" header="Service is not active">
          Service {name} is {service.data.status.toLowerCase()} and can't be updated.
        </Alert>
      )}
      {service.data?.status === "ACTIVE" && <UpdateServiceForm cluster={cluster} service={service.data} />}
    </Page>
  );
}
