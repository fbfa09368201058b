import {
  availabilityZones,
  DEFAULT_INSTANCE_TYPE,
  ECS_OPTIMIZED_AMI,
  findInstanceType,
  INSTANCE_TYPES,
} from "@stevedore/shared";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { useFlash } from "../../app/flash.tsx";
import { focusFirstInvalid } from "../../lib/focus.ts";
import { Page, Stack } from "../../app/Page.tsx";
import { REGION } from "../../app/region.ts";
import { Alert } from "../../components/Alert.tsx";
import { Button, LinkButton } from "../../components/Button.tsx";
import { Container } from "../../components/Container.tsx";
import { Checkbox, FormField, Input, RadioGroup, Select } from "../../components/FormField.tsx";
import Icon from "@cloudscape-design/components/icon";
import { TagEditor, type TagRow } from "../../components/TagEditor.tsx";
import { formatNumber, instanceTypeLabel } from "../../lib/format.ts";
import { validateCapacity, validateClusterName } from "../../lib/validation.ts";
import { CREATE_STEPS, CreateClusterError, createErrorText, useCreateCluster, type CreateStep } from "./use-create-cluster.ts";

export function CreateClusterPage() {
  const navigate = useNavigate();
  const flash = useFlash();
  const allZones = availabilityZones(REGION);

  const [name, setName] = useState("");
  const [fargate, setFargate] = useState(true);
  const [ec2, setEc2] = useState(false);
  const [asg, setAsg] = useState("new");
  const [provisioning, setProvisioning] = useState<"on-demand" | "spot">("on-demand");
  const [ami, setAmi] = useState(ECS_OPTIMIZED_AMI);
  const [instanceType, setInstanceType] = useState(DEFAULT_INSTANCE_TYPE);
  const [minSize, setMinSize] = useState("0");
  const [maxSize, setMaxSize] = useState("5");
  const [desired, setDesired] = useState("2");
  const [zones, setZones] = useState<string[]>(allZones);
  const [containerInsights, setContainerInsights] = useState(false);
  const [tags, setTags] = useState<TagRow[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const [step, setStep] = useState<CreateStep | null>(null);

  const create = useCreateCluster(setStep);

  const nameError = validateClusterName(name);
  const capacityErrors = ec2 ? validateCapacity(minSize, maxSize, desired) : {};
  const zonesError = ec2 && zones.length === 0 ? "Choose at least one Availability Zone." : undefined;
  const tagsError = tags.some((t) => !t.key.trim() && t.value) ? "Every tag needs a key." : undefined;
  const valid = !nameError && !capacityErrors.min && !capacityErrors.max && !capacityErrors.desired && !zonesError && !tagsError;
  const selectedType = findInstanceType(instanceType);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!valid || create.isPending) {
      if (!valid) focusFirstInvalid(e.currentTarget as HTMLFormElement);
      return;
    }
    create.mutate(
      {
        clusterName: name,
        fargate,
        containerInsights,
        tags: tags.filter((t) => t.key.trim()).map((t) => ({ key: t.key.trim(), value: t.value })),
        ec2: ec2
          ? {
              imageId: ami,
              instanceType,
              minSize: Number(minSize),
              maxSize: Number(maxSize),
              desiredCapacity: Number(desired),
              availabilityZones: zones,
            }
          : undefined,
      },
      {
        onSuccess: () => {
          flash.push({
            type: "success",
            header: `Cluster ${name} has been created successfully.`,
            path: "/clusters",
          });
          navigate("/clusters");
        },
        onSettled: () => setStep(null),
      },
    );
  };

  return (
    <Page
      breadcrumbs={[{ text: "Clusters", href: "/clusters" }, { text: "Create cluster" }]}
      title="Create cluster"
      description="An Amazon ECS cluster groups together tasks and services, and allows for shared capacity and common configurations. All of your tasks, services, and capacity must belong to a cluster."
    >
      <form onSubmit={onSubmit} noValidate aria-label="Create cluster">
        <Stack>
          {create.isPending && (
            <Alert type="in-progress" header="Cluster creation in progress" scrollIntoView>
              {step ? `${CREATE_STEPS[step]}…` : "Starting…"}
            </Alert>
          )}
          {create.error && (
            <Alert type="error" header={`There was an error creating cluster ${name}.`} onDismiss={() => create.reset()} scrollIntoView>
              <p>{createErrorText(create.error)}</p>
              {create.error instanceof CreateClusterError && create.error.step !== "cluster" && (
                <p className="mt-1">
                  The cluster itself was created, with what was made before the failure. Correct the settings and choose{" "}
                  <b>Create</b> again to finish it, or delete the cluster.
                </p>
              )}
            </Alert>
          )}

          <Container title="Cluster configuration">
            <FormField
              label="Cluster name"
              constraint="There can be a maximum of 255 characters. The valid characters are letters (uppercase and lowercase), numbers, hyphens, and underscores."
              error={submitted ? nameError : undefined}
            >
              {(p) => (
                <Input {...p} value={name} onChange={(v) => setName(v)} placeholder="Enter a cluster name" autoComplete="off" />
              )}
            </FormField>
          </Container>

          <Container
            title="Infrastructure"
            description="Your cluster is automatically configured for AWS Fargate (serverless). Add Amazon EC2 instances to run tasks on container instances in an Auto Scaling group."
          >
            <Stack gap="gap-4">
              <Checkbox
                label="AWS Fargate (serverless)"
                description="Pay as you go. Use if you have tiny, batch, or burst workloads or for zero maintenance overhead. The cluster has Fargate and Fargate Spot capacity providers by default."
                checked={fargate}
                onChange={setFargate}
              />
              <Checkbox
                label="Amazon EC2 instances"
                description="Manual configurations. Use for large workloads with consistent resource demands."
                checked={ec2}
                onChange={setEc2}
              />
              {ec2 && (
                <div className="flex flex-col gap-5 border-l-2 border-aws-border pl-5">
                  <FormField
                    label="Auto Scaling group (ASG)"
                    description="Use Auto Scaling groups to automatically scale the number of container instances."
                  >
                    {(p) => (
                      <Select {...p} value={asg} onChange={(e) => setAsg(e.target.value)}>
                        <option value="new">Create new ASG</option>
                      </Select>
                    )}
                  </FormField>
                  <RadioGroup
                    legend="Provisioning model"
                    value={provisioning}
                    onChange={setProvisioning}
                    options={[
                      {
                        value: "on-demand",
                        label: "On-demand",
                        description: "With On-Demand Instances, you pay for compute capacity by the second with no long-term commitments.",
                      },
                      {
                        value: "spot",
                        label: "Spot",
                        description: "Not available in Stevedore.",
                        disabled: true,
                      },
                    ]}
                  />
                  <FormField
                    label="Container instance Amazon Machine Image (AMI)"
                    description={`Amazon ECS-optimized AMI: ${ami}`}
                  >
                    {(p) => (
                      <Select {...p} value={ami} onChange={(e) => setAmi(e.target.value)}>
                        <option value={ECS_OPTIMIZED_AMI}>Amazon Linux 2023</option>
                      </Select>
                    )}
                  </FormField>
                  <FormField
                    label="EC2 instance type"
                    description="Choose based on the workloads you plan to run on this cluster."
                    constraint={
                      selectedType
                        ? `${selectedType.vcpus} vCPU (${formatNumber(selectedType.vcpus * 1024)} CPU units), ${formatNumber(selectedType.memoryMiB)} MiB memory, ${formatNumber(selectedType.registeredMemoryMiB)} MiB available to tasks`
                        : undefined
                    }
                  >
                    {(p) => (
                      <Select {...p} value={instanceType} onChange={(e) => setInstanceType(e.target.value)}>
                        {INSTANCE_TYPES.map((t) => (
                          <option key={t.name} value={t.name}>
                            {instanceTypeLabel(t)}
                          </option>
                        ))}
                      </Select>
                    )}
                  </FormField>
                  <fieldset className="flex flex-col gap-2">
                    <legend className="font-bold">Desired capacity</legend>
                    <div className="text-xs text-aws-muted">
                      Specify the number of instances to launch in your cluster. In order for the group to scale out, the
                      maximum must be greater than 0.
                    </div>
                    <div className="flex flex-wrap gap-4">
                      <FormField label="Minimum" error={submitted ? capacityErrors.min : undefined}>
                        {(p) => (
                          <Input {...p} className="w-36" type="number" min={0} value={minSize} onChange={(v) => setMinSize(v)} />
                        )}
                      </FormField>
                      <FormField label="Maximum" error={submitted ? capacityErrors.max : undefined}>
                        {(p) => (
                          <Input {...p} className="w-36" type="number" min={0} value={maxSize} onChange={(v) => setMaxSize(v)} />
                        )}
                      </FormField>
                      <FormField label="Desired capacity" error={submitted ? capacityErrors.desired : undefined}>
                        {(p) => (
                          <Input {...p} className="w-36" type="number" min={0} value={desired} onChange={(v) => setDesired(v)} />
                        )}
                      </FormField>
                    </div>
                  </fieldset>
                </div>
              )}
            </Stack>
          </Container>

          {ec2 && (
            <Container
              title="Network settings for Amazon EC2 instances"
              description="Your container instances are launched in these Availability Zones. Each container instance has its own loopback address; host ports are published on it."
            >
              <ZonePicker allZones={allZones} zones={zones} onChange={setZones} error={submitted ? zonesError : undefined} />
            </Container>
          )}

          <Container title="Monitoring - optional" description="CloudWatch automatically collects a set of metrics for your cluster.">
            <Checkbox
              label="Use Container Insights"
              description="CloudWatch Container Insights collects, aggregates, and summarizes metrics and logs from your containerized applications."
              checked={containerInsights}
              onChange={setContainerInsights}
            />
          </Container>

          <Container title="Tags - optional" description="Tags help you to identify and organize your clusters.">
            <TagEditor tags={tags} onChange={setTags} error={submitted ? tagsError : undefined} />
          </Container>

          <div className="flex justify-end gap-2">
            <LinkButton variant="link" to="/clusters">
              Cancel
            </LinkButton>
            <Button variant="primary" type="submit" loading={create.isPending}>
              Create
            </Button>
          </div>
        </Stack>
      </form>
    </Page>
  );
}

/** The subnets/zones multiselect: every zone selected, each removable, removed ones can be added back. */
function ZonePicker({
  allZones,
  zones,
  onChange,
  error,
}: {
  allZones: string[];
  zones: string[];
  onChange: (zones: string[]) => void;
  error?: string;
}) {
  const remaining = allZones.filter((z) => !zones.includes(z));
  return (
    <FormField
      label="Availability Zones"
      description="Choose the Availability Zones (one subnet each in the default VPC) your Auto Scaling group launches instances in."
      error={error}
    >
      {(p) => (
        <div className="flex w-full flex-col gap-2">
          <Select
            {...p}
            value=""
            disabled={remaining.length === 0}
            onChange={(e) => e.target.value && onChange([...zones, e.target.value].sort())}
          >
            <option value="">{remaining.length ? "Choose Availability Zones" : "All Availability Zones selected"}</option>
            {remaining.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </Select>
          <ul className="flex flex-wrap gap-2" aria-label="Selected Availability Zones">
            {zones.map((z) => (
              <li key={z} className="flex items-center gap-2 rounded-lg border border-[#7d8998] bg-[#f2f8fd] px-2 py-1">
                <span>
                  <span className="block">{z}</span>
                  <span className="block text-xs text-aws-muted">subnet-default-{z.slice(-1)}</span>
                </span>
                <button
                  type="button"
                  aria-label={`Remove ${z}`}
                  className="text-aws-label hover:text-aws-text"
                  onClick={() => onChange(zones.filter((x) => x !== z))}
                >
                  <Icon name="close" />
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </FormField>
  );
}
