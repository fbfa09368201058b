/** Sections the Create service and Update service forms share; Run task uses the environment and task definition pickers too. */
import type { ReactNode } from "react";
import { Container } from "../../components/Container.tsx";
import { useFieldError } from "../../components/Fields.tsx";
import { Checkbox, FormField, Input, RadioGroup, Select } from "../../components/FormField.tsx";
import { useClusters } from "../clusters/queries.ts";
import { useTaskDefinition, useTaskDefinitionFamilies, useTaskDefinitionRevisions } from "../task-definitions/queries.ts";
import type { DefinitionFacts } from "../../lib/compute.ts";
import type { ServiceFormValues } from "./service-form.ts";

export type SetValues = (patch: Partial<ServiceFormValues>) => void;

/**
 * The **Existing cluster** picker; keeps a preset cluster that is not (yet) listed selectable. Without
 * `error`, it shows the FieldErrors issue at "cluster".
 */
export function ClusterSelect({
  value,
  onChange,
  description,
  error,
  activeOnly = false,
}: {
  value: string;
  onChange: (v: string) => void;
  description?: string;
  error?: string;
  activeOnly?: boolean;
}) {
  const clusters = useClusters();
  const fieldError = useFieldError("cluster");
  const listed = activeOnly ? clusters.data?.filter((c) => c.status === "ACTIVE") : clusters.data;
  return (
    <FormField label="Existing cluster" description={description} error={error ?? fieldError}>
      {(p) => (
        <Select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          {!value && <option value="">Choose a cluster</option>}
          {value && !clusters.data?.some((c) => c.clusterName === value) && <option value={value}>{value}</option>}
          {listed?.map((c) => (
            <option key={c.clusterArn} value={c.clusterName}>
              {c.clusterName}
            </option>
          ))}
        </Select>
      )}
    </FormField>
  );
}

/**
 * The **Family** and **Revision** pickers ("3 (LATEST)"). A preset family or revision that is not listed
 * (e.g. from the URL) stays selectable. Without `familyError`, it shows the FieldErrors issue at "family".
 */
export function FamilyRevisionSelects({
  family,
  revision,
  onFamilyChange,
  onRevisionChange,
  familyError,
}: {
  family: string;
  revision: string;
  onFamilyChange: (family: string) => void;
  onRevisionChange: (revision: string) => void;
  familyError?: string;
}) {
  const families = useTaskDefinitionFamilies("ACTIVE");
  const revisions = useTaskDefinitionRevisions(family, "ACTIVE");
  const latest = revisions.data?.[0]?.revision;
  const fieldError = useFieldError("family");
  return (
    <div className="flex flex-wrap gap-4">
      <FormField label="Family" error={familyError ?? fieldError}>
        {(p) => (
          <Select {...p} className="w-72" value={family} onChange={(e) => onFamilyChange(e.target.value)}>
            {!family && <option value="">Choose a family</option>}
            {family && !families.data?.some((f) => f.family === family) && <option value={family}>{family}</option>}
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
          <Select {...p} className="w-44" value={revision} onChange={(e) => onRevisionChange(e.target.value)}>
            <option value="LATEST">{latest ? `${latest} (LATEST)` : "LATEST"}</option>
            {revision !== "LATEST" && !revisions.data?.some((r) => String(r.revision) === revision) && (
              <option value={revision}>{revision}</option>
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
  );
}

/** **Task definition**: Family and Revision; a new family starts at its latest revision. */
export function TaskDefinitionFields({ values, set }: { values: ServiceFormValues; set: SetValues }) {
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="font-bold">Task definition</legend>
      <div className="text-xs text-aws-muted">Select an existing task definition. To create a new one, go to Task definitions.</div>
      <FamilyRevisionSelects
        family={values.family}
        revision={values.revision}
        onFamilyChange={(family) => set({ family, revision: "LATEST" })}
        onRevisionChange={(revision) => set({ revision })}
      />
    </fieldset>
  );
}

/** The network mode and compatibilities of the chosen revision (the latest when LATEST), once loaded. */
export function useChosenDefinition(values: Pick<ServiceFormValues, "family" | "revision">): DefinitionFacts | undefined {
  const revisions = useTaskDefinitionRevisions(values.family, "ACTIVE");
  const revision = values.revision === "LATEST" ? String(revisions.data?.[0]?.revision ?? "") : values.revision;
  const def = useTaskDefinition(values.family, revision, { live: false });
  if (!values.family || !def.data || (values.revision === "LATEST" && !revisions.data)) return undefined;
  return definitionFacts(def.data.taskDefinition);
}

/** What the compute and networking fields need of a task definition. */
export const definitionFacts = (def: { networkMode?: string; compatibilities?: string[] }): DefinitionFacts => ({
  networkMode: def.networkMode ?? "bridge",
  compatibilities: def.compatibilities,
});

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
      {(p) => <Input {...p} className="w-36" type="number" min={0} inputMode="numeric" value={value} onChange={(v) => onChange(v)} />}
    </FormField>
  );
}

/** **Desired tasks** (replica services only) and **Health check grace period**. */
export function TaskCountFields({
  values,
  set,
  desiredDescription,
  graceDescription,
}: {
  values: ServiceFormValues;
  set: SetValues;
  desiredDescription: string;
  graceDescription?: string;
}) {
  return (
    <>
      {values.serviceType === "REPLICA" && (
        <NumberField
          label="Desired tasks"
          path="desiredCount"
          description={desiredDescription}
          value={values.desiredCount}
          onChange={(desiredCount) => set({ desiredCount })}
        />
      )}
      <NumberField
        label="Health check grace period"
        info="- optional"
        path="healthCheckGracePeriod"
        description={graceDescription}
        value={values.healthCheckGracePeriod}
        onChange={(healthCheckGracePeriod) => set({ healthCheckGracePeriod })}
        unit="seconds"
      />
    </>
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
