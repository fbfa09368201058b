/**
 * **Create service**, from a cluster's Services tab (/clusters/:cluster/create-service) or from a task
 * definition's **Deploy** menu (/task-definitions/:family/create-service?revision=N).
 */
import { useEffect, useState, type FormEvent } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { useFlash } from "../../app/flash.tsx";
import { Page, Stack } from "../../app/Page.tsx";
import { Alert } from "../../components/Alert.tsx";
import { Button, LinkButton } from "../../components/Button.tsx";
import { Container, ExpandableSection } from "../../components/Container.tsx";
import { FieldErrors, useFieldError } from "../../components/Fields.tsx";
import { Checkbox, FormField, Input, RadioGroup, Select } from "../../components/FormField.tsx";
import { TagEditor } from "../../components/TagEditor.tsx";
import { focusFirstInvalid } from "../../lib/focus.ts";
import { useClusters } from "../clusters/queries.ts";
import { useCreateService } from "./mutations.ts";
import { servicePath } from "./ServiceCells.tsx";
import { computeChoiceText } from "../../lib/compute.ts";
import { computeOf, launchTypeOf, networkOf, placementApplies, type LaunchContext } from "../../lib/launch.ts";
import { NetworkingSection } from "../networking/NetworkingFields.tsx";
import { useDefaultVpc } from "../networking/queries.ts";
import { ComputeFields } from "./ComputeFields.tsx";
import {
  ClusterSelect,
  DeploymentOptions,
  FailureDetection,
  LoadBalancingNotice,
  TaskCountFields,
  TaskDefinitionFields,
  useChosenDefinition,
} from "./ServiceFormSections.tsx";
import { checkServiceForm, defaultServiceForm, toCreateServiceInput, withServiceType, type ServiceFormValues } from "./service-form.ts";
import { ServicePlacement } from "./ServicePlacement.tsx";

function ServiceNameField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const error = useFieldError("serviceName");
  return (
    <FormField
      label="Service name"
      description="Assign a unique name for this service."
      constraint="Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed."
      error={error}
    >
      {(p) => <Input {...p} value={value} onChange={(v) => onChange(v)} autoComplete="off" spellCheck={false} placeholder="my-service" />}
    </FormField>
  );
}

export function CreateServicePage() {
  const params = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const flash = useFlash();
  const clusters = useClusters();
  const create = useCreateService();
  const [values, setValues] = useState<ServiceFormValues>(() =>
    defaultServiceForm({
      cluster: params.cluster ?? search.get("cluster") ?? "",
      family: params.family ?? "",
      revision: search.get("revision") ?? "LATEST",
    }),
  );
  const [submitted, setSubmitted] = useState(false);
  const set = (patch: Partial<ServiceFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const definition = useChosenDefinition(values);
  const vpc = useDefaultVpc();
  const ctx: LaunchContext = {
    cluster: clusters.data?.find((c) => c.clusterName === values.cluster),
    definition,
    vpc: vpc.data ?? undefined,
  };
  const compute = computeOf(values, ctx);
  const errors = checkServiceForm(values, "create", ctx);
  const fargate = !placementApplies(values, ctx);
  // Compute and networking depend on these: wait for them before sending.
  const loading = clusters.isPending || (!!values.family && !definition) || vpc.isPending;
  const fromDefinition = params.family !== undefined;

  // Without a cluster in the URL, preselect the first one.
  useEffect(() => {
    if (!values.cluster && clusters.data?.[0]) setValues((v) => ({ ...v, cluster: v.cluster || clusters.data![0]!.clusterName }));
  }, [values.cluster, clusters.data]);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(errors).length) {
      focusFirstInvalid(e.currentTarget);
      return;
    }
    if (loading) return;
    const input = toCreateServiceInput(values, ctx);
    create.mutate(input, {
      onSuccess: (service) => {
        const path = servicePath(input.cluster, service.serviceName);
        flash.push({
          type: "success",
          header: `Service ${service.serviceName} has been created successfully.`,
          content: "The deployment is in progress: tasks start as the service scheduler places them.",
          path,
        });
        navigate(path);
      },
    });
  };

  const cancelTo = fromDefinition
    ? `/task-definitions/${encodeURIComponent(values.family)}`
    : values.cluster
      ? `/clusters/${encodeURIComponent(values.cluster)}/services`
      : "/clusters";

  return (
    <Page
      breadcrumbs={
        fromDefinition
          ? [
              { text: "Task definitions", href: "/task-definitions" },
              { text: params.family!, href: `/task-definitions/${encodeURIComponent(params.family!)}` },
              { text: "Create service" },
            ]
          : [
              { text: "Clusters", href: "/clusters" },
              { text: values.cluster, href: `/clusters/${encodeURIComponent(values.cluster)}/services` },
              { text: "Create service" },
            ]
      }
      title="Create service"
      description="A service runs and maintains a desired number of tasks from a task definition, replacing tasks that stop and rolling out new revisions."
    >
      <form onSubmit={onSubmit} noValidate aria-label="Create service">
        <FieldErrors value={submitted ? (errors as Record<string, string>) : {}}>
          <Stack>
            {submitted && Object.keys(errors).length > 0 && (
              <Alert type="error" header="The form has errors">
                Correct the fields marked below, then choose Create again.
              </Alert>
            )}
            {create.error && (
              <Alert type="error" header="Service creation failed" scrollIntoView>
                {create.error.message}
              </Alert>
            )}

            <Container title="Environment">
              <Stack gap="gap-4">
                <ClusterSelect
                  value={values.cluster}
                  onChange={(cluster) => set({ cluster, compute: null })}
                  description="Select an existing cluster."
                  activeOnly
                />
                <ExpandableSection
                  title="Compute configuration (advanced)"
                  description={computeChoiceText(compute)}
                  forceExpanded={submitted && Object.keys(errors).some((k) => k.startsWith("compute"))}
                >
                  <ComputeFields value={compute} onChange={(next) => set({ compute: next })} cluster={ctx.cluster} />
                </ExpandableSection>
              </Stack>
            </Container>

            <Container title="Deployment configuration">
              <Stack gap="gap-4">
                <RadioGroup
                  legend="Application type"
                  value="service"
                  onChange={(type) => {
                    if (type === "task")
                      navigate(
                        fromDefinition
                          ? `/task-definitions/${encodeURIComponent(values.family)}/run-task${values.revision !== "LATEST" ? `?revision=${values.revision}` : ""}`
                          : `/clusters/${encodeURIComponent(values.cluster)}/run-task`,
                      );
                  }}
                  options={[
                    {
                      value: "service",
                      label: "Service",
                      description: "Launch a group of tasks handling a long-running computing work that can be stopped and restarted.",
                    },
                    { value: "task", label: "Task", description: "Launch a standalone task that runs and terminates, such as a batch job." },
                  ]}
                />
                <TaskDefinitionFields values={values} set={set} />
                <ServiceNameField value={values.serviceName} onChange={(serviceName) => set({ serviceName })} />
                <RadioGroup
                  legend="Service type"
                  value={values.serviceType}
                  onChange={(serviceType) => setValues((v) => withServiceType(v, serviceType))}
                  options={[
                    { value: "REPLICA", label: "Replica", description: "Place and maintain a desired number of tasks across your cluster." },
                    { value: "DAEMON", label: "Daemon", description: "Place and maintain one copy of your task on each container instance." },
                  ]}
                />
                <TaskCountFields
                  values={values}
                  set={set}
                  desiredDescription="Specify the number of tasks to launch."
                  graceDescription="How long the scheduler ignores failing health checks of a task that has just started."
                />
              </Stack>
            </Container>

            <DeploymentOptions values={values} set={set} />
            <FailureDetection values={values} set={set} />
            <NetworkingSection
              networkMode={definition?.networkMode}
              launchType={launchTypeOf(values, ctx)}
              value={networkOf(values, ctx)}
              onChange={(network) => set({ network })}
            />
            <LoadBalancingNotice />
            <ServicePlacement
              value={values.placement}
              onChange={(placement) => set({ placement })}
              serviceType={values.serviceType}
              cluster={values.cluster}
              showErrors={submitted}
              fargate={fargate}
            />

            <Container title="Tags" description="Tags help you to identify and organize your services.">
              <Stack gap="gap-4">
                <Checkbox
                  label="Turn on Amazon ECS managed tags"
                  description="Tag the service's tasks with the cluster and service names."
                  checked={values.managedTags}
                  onChange={(managedTags) => set({ managedTags })}
                />
                <FormField label="Propagate tags from" description="Copy tags to the service's tasks from the task definition or the service.">
                  {(p) => (
                    <Select
                      {...p}
                      className="w-72"
                      value={values.propagateTags}
                      onChange={(e) => set({ propagateTags: e.target.value as ServiceFormValues["propagateTags"] })}
                    >
                      <option value="NONE">Do not propagate</option>
                      <option value="TASK_DEFINITION">Task definitions</option>
                      <option value="SERVICE">Service</option>
                    </Select>
                  )}
                </FormField>
                <TagEditor tags={values.tags} onChange={(tags) => set({ tags })} path="tags" />
              </Stack>
            </Container>

            <div className="flex justify-end gap-2">
              <LinkButton variant="link" to={cancelTo}>
                Cancel
              </LinkButton>
              <Button variant="primary" type="submit" loading={create.isPending} disabled={loading}>
                Create
              </Button>
            </div>
          </Stack>
        </FieldErrors>
      </form>
    </Page>
  );
}
