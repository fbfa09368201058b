/** Sections the Create service and Update service forms share. */
import type { ReactNode } from "react";
import { Alert } from "../../components/Alert.tsx";
import { Container } from "../../components/Container.tsx";
import { useFieldError } from "../../components/Fields.tsx";
import { Checkbox, FormField, Input, RadioGroup, Select } from "../../components/FormField.tsx";
import { useTaskDefinition, useTaskDefinitionFamilies, useTaskDefinitionRevisions } from "../task-definitions/queries.ts";
import type { ServiceFormValues } from "./service-form.ts";

export type SetValues = (patch: Partial<ServiceFormValues>) => void;

/** **Task definition**: Family and Revision ("3 (LATEST)"). */
export function TaskDefinitionFields({ values, set }: { values: ServiceFormValues; set: SetValues }) {
  const families = useTaskDefinitionFamilies("ACTIVE");
  const revisions = useTaskDefinitionRevisions(values.family, "ACTIVE");
  const latest = revisions.data?.[0]?.revision;
  const familyError = useFieldError("family");
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="font-bold">Task definition</legend>
      <div className="text-xs text-aws-muted">Select an existing task definition. To create a new one, go to Task definitions.</div>
      <div className="flex flex-wrap gap-4">
        <FormField label="Family" error={familyError}>
          {(p) => (
            <Select {...p} className="w-72" value={values.family} onChange={(e) => set({ family: e.target.value, revision: "LATEST" })}>
              {!values.family && <option value="">Choose a family</option>}
              {values.family && !families.data?.some((f) => f.family === values.family) && <option value={values.family}>{values.family}</option>}
              {families.data?.map((f) => (
                <option key={f.family} value={f.family}>
                  {f.family}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField label="Revision">
          {(p) => (
            <Select {...p} className="w-44" value={values.revision} onChange={(e) => set({ revision: e.target.value })}>
              <option value="LATEST">{latest ? `${latest} (LATEST)` : "LATEST"}</option>
              {values.revision !== "LATEST" && !revisions.data?.some((r) => String(r.revision) === values.revision) && (
                <option value={values.revision}>{values.revision}</option>
              )}
              {revisions.data?.map((r) => (
                <option key={r.revision} value={String(r.revision)}>
                  {r.revision}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      </div>
    </fieldset>
  );
}

/** The network mode of the chosen revision (the latest when LATEST). */
export function useChosenNetworkMode(values: Pick<ServiceFormValues, "family" | "revision">): string | undefined {
  const revisions = useTaskDefinitionRevisions(values.family, "ACTIVE");
  const revision = values.revision === "LATEST" ? String(revisions.data?.[0]?.revision ?? "") : values.revision;
  const def = useTaskDefinition(values.family, revision, { live: false });
  if (!values.family || !def.data) return undefined;
  return def.data.taskDefinition.networkMode ?? "bridge";
}

/** A whole-number field with a unit after it. */
export function NumberField({
  label,
  path,
  description,
  constraint,
  value,
  onChange,
  unit,
  info,
}: {
  label: string;
  path: string;
  description?: ReactNode;
  constraint?: ReactNode;
  value: string;
  onChange: (v: string) => void;
  unit?: string;
  info?: ReactNode;
}) {
  const error = useFieldError(path);
  return (
    <FormField label={label} description={description} constraint={constraint} error={error} info={info} secondary={unit ? <span className="py-[5px] text-aws-muted">{unit}</span> : undefined}>
      {(p) => <Input {...p} className="w-36" type="number" min={0} inputMode="numeric" value={value} onChange={(e) => onChange(e.target.value)} />}
    </FormField>
  );
}

/** **Deployment options**: rolling update with Min running tasks and Max running tasks (percent of desired). */
export function DeploymentOptions({ values, set }: { values: ServiceFormValues; set: SetValues }) {
  return (
    <Container title="Deployment options">
      <div className="flex flex-col gap-4">
        <RadioGroup
          legend="Deployment type"
          value="ROLLING"
          onChange={() => undefined}
          options={[
            { value: "ROLLING", label: "Rolling update", description: "Replace the tasks of the old revision with the new revision's, within the limits below." },
            {
              value: "BLUE_GREEN",
              label: "Blue/green deployment (powered by AWS CodeDeploy)",
              description: "Not available in Stevedore.",
              disabled: true,
            },
          ]}
        />
        <div className="flex flex-wrap gap-8">
          <NumberField
            label="Min running tasks"
            path="minimumHealthyPercent"
            description="The lower limit on the number of tasks that must stay running during a deployment, as a percentage of desired tasks."
            value={values.minimumHealthyPercent}
            onChange={(minimumHealthyPercent) => set({ minimumHealthyPercent })}
            unit="%"
          />
          <NumberField
            label="Max running tasks"
            path="maximumPercent"
            description="The upper limit on the number of tasks allowed to run during a deployment, as a percentage of desired tasks."
            value={values.maximumPercent}
            onChange={(maximumPercent) => set({ maximumPercent })}
            unit="%"
          />
        </div>
      </div>
    </Container>
  );
}

/** **Deployment failure detection**: the circuit breaker and its rollback (both on by default). */
export function FailureDetection({ values, set }: { values: ServiceFormValues; set: SetValues }) {
  return (
    <Container title="Deployment failure detection" description="Detect failed deployments and stop them.">
      <div className="flex flex-col gap-3">
        <Checkbox
          label="Use the Amazon ECS deployment circuit breaker"
          description="The deployment fails when its tasks keep failing to start or to pass their health checks (at least 3 failures, or half the desired tasks)."
          checked={values.circuitBreaker}
          onChange={(circuitBreaker) => set({ circuitBreaker, rollback: circuitBreaker ? values.rollback : false })}
        />
        <div className="ml-6">
          <Checkbox
            label="Rollback on failures"
            description="When the deployment fails, go back to the last deployment that completed."
            checked={values.circuitBreaker && values.rollback}
            disabled={!values.circuitBreaker}
            onChange={(rollback) => set({ rollback })}
          />
        </div>
        <Checkbox label="Use CloudWatch alarm(s)" description="Not available in Stevedore." checked={false} disabled onChange={() => undefined} />
      </div>
    </Container>
  );
}

/** **Networking**: only the awsvpc network mode has VPC settings; bridge and host tasks use the instance's network. */
export function NetworkingNotice({ networkMode }: { networkMode: string | undefined }) {
  return (
    <Container title="Networking">
      {networkMode === "awsvpc" ? (
        <Alert type="warning" header="awsvpc network mode">
          This task definition uses the awsvpc network mode. Stevedore has no VPCs, subnets or security groups yet; use
          the bridge or host network mode.
        </Alert>
      ) : (
        <p className="text-aws-muted">
          Not applicable: the task definition uses the <b>{networkMode ?? "bridge"}</b> network mode. Tasks use their
          container instance's network{networkMode === "host" ? "" : " with dynamic host ports"}; VPC, subnets, security groups
          and public IP apply only to the awsvpc network mode.
        </p>
      )}
    </Container>
  );
}

/** **Load balancing**: coming in a later release. */
export function LoadBalancingNotice() {
  return (
    <Container title="Load balancing" description="Optional">
      <div className="flex flex-col gap-2">
        <Checkbox label="Use load balancing" description="Load balancing comes in a later release of Stevedore." checked={false} disabled onChange={() => undefined} />
      </div>
    </Container>
  );
}
