/**
 * The **Networking** section of Run task and the service forms. For awsvpc task definitions: **VPC**
 * (the default VPC), **Subnets** (all its default subnets to start with), **Security group** (its
 * default group) and **Public IP** (Fargate only). Other network modes use the container instance's
 * network, so the section says it does not apply.
 */
import { Stack } from "../../app/Page.tsx";
import { LoadError } from "../../components/Alert.tsx";
import { Container } from "../../components/Container.tsx";
import { useFieldError } from "../../components/Fields.tsx";
import { Checkbox, FormField, RadioGroup, Select } from "../../components/FormField.tsx";
import Icon from "@cloudscape-design/components/icon";
import { Toggle } from "../../components/Toggle.tsx";
import type { LaunchType } from "../../lib/compute.ts";
import type { NetworkValues } from "../../lib/networking.ts";
import { useDefaultVpc } from "./queries.ts";

const toggled = (list: readonly string[], id: string, on: boolean) => (on ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id));

function FieldError({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <div role="alert" className="flex items-center gap-1 text-xs text-aws-red">
      <Icon name="status-negative" />
      {text}
    </div>
  );
}

export function NetworkingSection({
  networkMode,
  launchType,
  value,
  onChange,
}: {
  networkMode: string | undefined;
  launchType: LaunchType | undefined;
  value: NetworkValues;
  onChange: (value: NetworkValues) => void;
}) {
  if (networkMode !== "awsvpc") {
    return (
      <Container title="Networking">
        <p className="text-aws-muted">
          {networkMode === undefined ? (
            "Not applicable yet: choose a task definition. VPC, subnets, security groups and public IP apply to task definitions with the awsvpc network mode."
          ) : (
            <>
              Not applicable: the task definition uses the <b>{networkMode}</b> network mode. Tasks use their container instance's network
              {networkMode === "host" ? "" : " with dynamic host ports"}; VPC, subnets, security groups and public IP apply only to the awsvpc
              network mode.
            </>
          )}
        </p>
      </Container>
    );
  }
  return <AwsVpcFields launchType={launchType} value={value} onChange={onChange} />;
}

function AwsVpcFields({ launchType, value, onChange }: { launchType: LaunchType | undefined; value: NetworkValues; onChange: (value: NetworkValues) => void }) {
  const vpc = useDefaultVpc();
  const set = (patch: Partial<NetworkValues>) => onChange({ ...value, ...patch });
  const subnetsError = useFieldError("network.subnets");
  const groupsError = useFieldError("network.securityGroups");
  const fargate = launchType === "FARGATE";
  const subnets = vpc.data?.subnets ?? [];
  const groups = vpc.data?.securityGroups ?? [];
  return (
    <Container title="Networking" description="Each task gets its own elastic network interface in one of the subnets (the awsvpc network mode).">
      <Stack gap="gap-4">
        <LoadError error={vpc.error} header="Failed to load the default VPC" />
        <FormField label="VPC" description="The Virtual Private Cloud your tasks run in.">
          {(p) => (
            <Select {...p} className="w-96" value={value.vpcId || vpc.data?.vpcId || ""} onChange={() => undefined}>
              {vpc.data ? (
                <option value={vpc.data.vpcId}>
                  {vpc.data.vpcId} (default){vpc.data.cidrBlock ? ` – ${vpc.data.cidrBlock}` : ""}
                </option>
              ) : (
                <option value="">{vpc.isPending ? "Loading VPCs" : "No default VPC"}</option>
              )}
            </Select>
          )}
        </FormField>

        <fieldset className="flex flex-col gap-1">
          <legend className="font-bold">Subnets</legend>
          <div className="mb-1 text-xs text-aws-muted">
            Choose the subnets for the tasks' network interfaces; each subnet is in one Availability Zone. {value.subnets.length} of {subnets.length}{" "}
            selected.
          </div>
          {subnets.map((s) => (
            <Checkbox
              key={s.subnetId}
              label={<span className="font-mono text-[13px]">{s.subnetId}</span>}
              description={[s.availabilityZone, s.cidrBlock, s.defaultForAz ? "default subnet" : undefined].filter(Boolean).join(" · ")}
              checked={value.subnets.includes(s.subnetId)}
              onChange={(on) => set({ subnets: toggled(value.subnets, s.subnetId, on) })}
            />
          ))}
          <FieldError text={subnetsError} />
        </fieldset>

        <RadioGroup
          legend="Security group"
          description="A security group is a set of firewall rules that control the traffic for your tasks."
          value="existing"
          onChange={() => undefined}
          options={[
            { value: "existing", label: "Use an existing security group" },
            { value: "new", label: "Create a new security group", description: "Not available in Stevedore.", disabled: true },
          ]}
        />
        <fieldset className="flex flex-col gap-1">
          <legend className="font-bold">Security group name</legend>
          {groups.map((g) => (
            <Checkbox
              key={g.groupId}
              label={g.groupName ?? g.groupId}
              description={g.groupId}
              checked={value.securityGroups.includes(g.groupId)}
              onChange={(on) => set({ securityGroups: toggled(value.securityGroups, g.groupId, on) })}
            />
          ))}
          <FieldError text={groupsError} />
        </fieldset>

        <div className="flex flex-col gap-1">
          <Toggle
            label="Public IP"
            checked={fargate && value.publicIp}
            disabled={!fargate}
            onChange={(publicIp) => set({ publicIp })}
            stateText={fargate && value.publicIp ? "Turned on" : "Turned off"}
          />
          <div className="text-xs text-aws-muted">
            {fargate
              ? "Assign a public IP address to the task's network interface. On Stevedore a task's address is reachable from this machine."
              : "A public IP address is assigned only to tasks on Fargate."}
          </div>
        </div>
      </Stack>
    </Container>
  );
}
