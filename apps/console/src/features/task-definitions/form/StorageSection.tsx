import type { ReactNode } from "react";
import { Stack } from "../../../app/Page.tsx";
import { Container } from "../../../components/Container.tsx";
import { bind, SelectField, TextField, type SelectOption } from "../../../components/Fields.tsx";
import { Checkbox } from "../../../components/FormField.tsx";
import { RowList } from "../../../components/RowList.tsx";
import { storageRowPath } from "../../../lib/task-definition-form/paths.ts";
import type { MountPointRow, VolumeFromRow, VolumeRow, VolumeType } from "../../../lib/task-definition-form/values.ts";
import { NotApplied } from "../NotApplied.tsx";
import { Subsection } from "./Subsection.tsx";
import type { SectionProps } from "./types.ts";

const VOLUME_TYPES: SelectOption<VolumeType>[] = [
  { value: "bind", label: "Bind mount" },
  { value: "docker", label: "Docker volume" },
];

/** Volume types that only the JSON editor makes, shown as they are. */
const AWS_ONLY: Partial<Record<VolumeType, string>> = { efs: "EFS", fsx: "FSx for Windows File Server", ebs: "Amazon EBS (configured at deployment)" };

const SCOPES = [
  { value: "task", label: "Task" },
  { value: "shared", label: "Shared" },
] as const;

function VolumeFields({ row, setRow, label, path }: { row: VolumeRow; setRow: (patch: Partial<VolumeRow>) => void; label: string; path: string }) {
  const awsOnly = AWS_ONLY[row.type];
  return (
    <>
      <TextField label="Volume name" context={label} path={`${path}.name`} className="w-48" {...bind(row, setRow, "name")} />
      <SelectField
        label="Volume type"
        context={label}
        className="w-48"
        info={awsOnly && <NotApplied />}
        value={row.type}
        options={awsOnly ? [...VOLUME_TYPES, { value: row.type, label: awsOnly }] : VOLUME_TYPES}
        onChange={(type) => setRow({ type, scope: type === "docker" ? (row.scope ?? "task") : row.scope })}
      />
      {row.type === "bind" && (
        <TextField
          label="Source path - optional"
          context={label}
          path={`${path}.host.sourcePath`}
          className="w-72"
          placeholder="A folder Stevedore makes"
          {...bind(row, setRow, "sourcePath")}
        />
      )}
      {row.type === "docker" && (
        <>
          <TextField label="Driver" context={label} className="w-36" placeholder="local" {...bind(row, setRow, "driver")} />
          <SelectField
            label="Scope"
            context={label}
            className="w-32"
            value={row.scope ?? "task"}
            options={SCOPES}
            onChange={(scope) => setRow({ scope })}
          />
        </>
      )}
    </>
  );
}

/** The Container select of a mount point or volume from: containers by their key, shown by name. */
function containerOptions(values: SectionProps["values"]) {
  return values.containers.map((c, i) => ({ value: c.key, label: c.name || `Container – ${i + 1}` }));
}

/** A row of mount points or volumes from: its container, its own fields, and Read only. */
function ContainerRow<R extends { container: string; readOnly?: boolean }>({
  row,
  setRow,
  label,
  containers,
  children,
}: {
  row: R;
  setRow: (patch: Partial<R>) => void;
  label: string;
  containers: SelectOption<string>[];
  children: ReactNode;
}) {
  return (
    <>
      <SelectField label="Container" context={label} className="w-48" options={containers} {...bind(row, setRow, "container")} />
      {children}
      <div className="mt-7">
        <Checkbox
          label={
            <>
              <span className="sr-only">{label} </span>Read only
            </>
          }
          checked={row.readOnly ?? false}
          onChange={(readOnly) => setRow({ readOnly } as Partial<R>)}
        />
      </div>
    </>
  );
}

/** **Storage**: ephemeral storage, volumes, mount points and volumes from. */
export function StorageSection({ values, setValues }: SectionProps) {
  const containers = containerOptions(values);
  const volumeNames = values.volumes.map((v) => ({ value: v.name, label: v.name }));
  const containerNames = values.containers.map((c) => ({ value: c.name, label: c.name }));
  const firstContainer = values.containers[0]?.key ?? "";
  const setField = (patch: Partial<SectionProps["values"]>) => setValues((v) => ({ ...v, ...patch }));
  return (
    <Container title="Storage - optional" description="Volumes of the task and where its containers mount them.">
      <Stack gap="gap-5">
        <TextField
          label="Amount"
          path="ephemeralStorage.sizeInGiB"
          info={<NotApplied />}
          description="Ephemeral storage for AWS Fargate tasks, in GiB."
          constraint="21 to 200 GiB. Leave empty for the default, 20 GiB."
          className="w-36"
          numeric
          {...bind(values, setField, "ephemeralStorage")}
        />
        <Subsection title="Volumes">
          <RowList<VolumeRow>
            rows={values.volumes}
            onChange={(volumes) => setField({ volumes })}
            newRow={() => ({ name: "", type: "bind", sourcePath: "", driver: "" })}
            rowLabel={(i) => `Volume ${i + 1}`}
            addLabel="Add volume"
            emptyText="No volumes."
          >
            {(row, setRow, label, i) => <VolumeFields row={row} setRow={setRow} label={label} path={`volumes[${i}]`} />}
          </RowList>
        </Subsection>
        <Subsection title="Container mount points">
          <RowList<MountPointRow>
            rows={values.mountPoints}
            onChange={(mountPoints) => setField({ mountPoints })}
            newRow={() => ({ container: firstContainer, sourceVolume: values.volumes[0]?.name ?? "", containerPath: "" })}
            rowLabel={(i) => `Mount point ${i + 1}`}
            addLabel="Add mount point"
            emptyText="No mount points."
          >
            {(row, setRow, label, i) => {
              const at = storageRowPath(values, "mountPoints", i);
              return (
                <ContainerRow row={row} setRow={setRow} label={label} containers={containers}>
                  <SelectField
                    label="Source volume"
                    context={label}
                    path={`${at}.sourceVolume`}
                    className="w-48"
                    options={volumeNames}
                    {...bind(row, setRow, "sourceVolume")}
                  />
                  <TextField label="Container path" context={label} path={`${at}.containerPath`} className="w-64" placeholder="/data" {...bind(row, setRow, "containerPath")} />
                </ContainerRow>
              );
            }}
          </RowList>
        </Subsection>
        <Subsection title="Volumes from">
          <RowList<VolumeFromRow>
            rows={values.volumesFrom}
            onChange={(volumesFrom) => setField({ volumesFrom })}
            newRow={() => ({ container: firstContainer, sourceContainer: "" })}
            rowLabel={(i) => `Volume from ${i + 1}`}
            addLabel="Add volume from"
            emptyText="No volumes from other containers."
          >
            {(row, setRow, label, i) => (
              <ContainerRow row={row} setRow={setRow} label={label} containers={containers}>
                <SelectField
                  label="Source container"
                  context={label}
                  path={`${storageRowPath(values, "volumesFrom", i)}.sourceContainer`}
                  className="w-48"
                  options={containerNames}
                  {...bind(row, setRow, "sourceContainer")}
                />
              </ContainerRow>
            )}
          </RowList>
        </Subsection>
      </Stack>
    </Container>
  );
}
