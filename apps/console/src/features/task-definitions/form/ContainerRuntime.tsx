import { ExpandableSection } from "../../../components/Container.tsx";
import { bind, SelectField, TextField, useFieldError, useHasErrorsUnder } from "../../../components/Fields.tsx";
import { Checkbox } from "../../../components/FormField.tsx";
import { RowList } from "../../../components/RowList.tsx";
import { TagEditor } from "../../../components/TagEditor.tsx";
import type { ExtraHostRow, UlimitRow } from "../../../lib/task-definition-form/values.ts";
import type { ContainerPartProps } from "./types.ts";

const ULIMITS = [
  "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack",
].map((name) => ({ value: name, label: name }));

function NetworkSettings({ container, set, path }: ContainerPartProps) {
  return (
    <ExpandableSection
      title="Container network settings - optional"
      defaultExpanded={[container.hostname, container.dnsServers, container.dnsSearchDomains].some((v) => v !== "") || container.extraHosts.length > 0}
      forceExpanded={useHasErrorsUnder(`${path}.hostname`, `${path}.dnsServers`, `${path}.dnsSearchDomains`, `${path}.extraHosts`)}
    >
      <div className="flex flex-col gap-4">
        <Checkbox
          label="Turn off networking"
          description="The container has no network (Docker's NetworkDisabled)."
          checked={container.disableNetworking ?? false}
          onChange={(disableNetworking) => set({ disableNetworking })}
        />
        <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
          <TextField label="Host name" path={`${path}.hostname`} {...bind(container, set, "hostname")} />
          <TextField
            label="DNS servers"
            path={`${path}.dnsServers`}
            constraint="Comma-separated IP addresses."
            {...bind(container, set, "dnsServers")}
          />
          <TextField
            label="DNS search domains"
            path={`${path}.dnsSearchDomains`}
            constraint="Comma-separated."
            {...bind(container, set, "dnsSearchDomains")}
          />
        </div>
        <RowList<ExtraHostRow>
          rows={container.extraHosts}
          onChange={(extraHosts) => set({ extraHosts })}
          newRow={() => ({ hostname: "", ipAddress: "" })}
          rowLabel={(i) => `Extra host ${i + 1}`}
          addLabel="Add extra host"
        >
          {(row, setRow, label, i) => (
            <>
              <TextField
                label="Hostname"
                context={label}
                path={`${path}.extraHosts[${i}].hostname`}
                className="w-56"
                {...bind(row, setRow, "hostname")}
              />
              <TextField
                label="IP address"
                context={label}
                path={`${path}.extraHosts[${i}].ipAddress`}
                className="w-48"
                {...bind(row, setRow, "ipAddress")}
              />
            </>
          )}
        </RowList>
      </div>
    </ExpandableSection>
  );
}

function DockerConfiguration({ container, set, path }: ContainerPartProps) {
  return (
    <ExpandableSection
      title="Docker configuration - optional"
      description="Override the image's ENTRYPOINT, CMD and WORKDIR. Lists are comma-separated: sh,-c,echo hello."
      defaultExpanded={[container.entryPoint, container.command, container.workingDirectory].some((v) => v !== "")}
      forceExpanded={useHasErrorsUnder(`${path}.entryPoint`, `${path}.command`, `${path}.workingDirectory`)}
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <TextField
          label="Entry point"
          path={`${path}.entryPoint`}
          placeholder="sh,-c"
          {...bind(container, set, "entryPoint")}
        />
        <TextField
          label="Command"
          path={`${path}.command`}
          placeholder="echo,hello"
          {...bind(container, set, "command")}
        />
        <TextField
          label="Working directory"
          path={`${path}.workingDirectory`}
          placeholder="/app"
          {...bind(container, set, "workingDirectory")}
        />
      </div>
    </ExpandableSection>
  );
}

function Ulimits({ container, set, path }: ContainerPartProps) {
  return (
    <ExpandableSection
      title="Resource limits (Ulimits) - optional"
      defaultExpanded={container.ulimits.length > 0}
      forceExpanded={useHasErrorsUnder(`${path}.ulimits`)}
    >
      <RowList<UlimitRow>
        rows={container.ulimits}
        onChange={(ulimits) => set({ ulimits })}
        newRow={() => ({ name: "nofile", softLimit: "", hardLimit: "" })}
        rowLabel={(i) => `Ulimit ${i + 1}`}
        addLabel="Add ulimit"
        emptyText="No ulimits."
      >
        {(row, setRow, label, i) => (
          <>
            <SelectField
              label="Limit name"
              context={label}
              path={`${path}.ulimits[${i}].name`}
              className="w-40"
              options={ULIMITS}
              {...bind(row, setRow, "name")}
            />
            <TextField
              label="Soft limit"
              context={label}
              path={`${path}.ulimits[${i}].softLimit`}
              className="w-36"
              numeric
              {...bind(row, setRow, "softLimit")}
            />
            <TextField
              label="Hard limit"
              context={label}
              path={`${path}.ulimits[${i}].hardLimit`}
              className="w-36"
              numeric
              {...bind(row, setRow, "hardLimit")}
            />
          </>
        )}
      </RowList>
    </ExpandableSection>
  );
}

function DockerLabels({ container, set, path }: ContainerPartProps) {
  const error = useFieldError(`${path}.dockerLabels`);
  return (
    <ExpandableSection title="Docker labels - optional" defaultExpanded={container.dockerLabels.length > 0} forceExpanded={!!error}>
      <TagEditor
        tags={container.dockerLabels}
        onChange={(dockerLabels) => set({ dockerLabels })}
        error={error}
        addLabel="Add key value pair"
        emptyText="No Docker labels."
        valueLabel="Value"
        rowNoun="Docker label"
        max={50}
        noun="labels"
      />
    </ExpandableSection>
  );
}

/** Container network settings, Docker configuration, Resource limits (Ulimits) and Docker labels. */
export function ContainerRuntime(props: ContainerPartProps) {
  return (
    <>
      <NetworkSettings {...props} />
      <DockerConfiguration {...props} />
      <Ulimits {...props} />
      <DockerLabels {...props} />
    </>
  );
}
