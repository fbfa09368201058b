// Regenerates packages/shared/src/aws/models/: AWS's own API models (botocore's service-2.json, shipped
// with the boto3 that this machine kind has) trimmed to what Stevedore decodes and types. Each service
// gets `<name>.model.ts` (the shapes the request decoder walks: types, members, wire names, required
// members, enums, lengths, ranges and patterns; no documentation) and `<name>.ts` (TypeScript types of
// every operation's input and output). Run by hand when a service or an operation is added:
//   node scripts/generate-aws-models.mjs
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../packages/shared/src/aws/models");

/** Every operation of the smaller services; a chosen list of the large ones (EC2, IAM, SSM). */
const SERVICES = {
  ecs: { dir: "ecs", operations: "all" },
  ecr: { dir: "ecr", operations: "all" },
  ecrPublic: { dir: "ecr-public", operations: "all" },
  elbv2: { dir: "elbv2", operations: "all" },
  autoscaling: { dir: "autoscaling", operations: "all" },
  logs: { dir: "logs", operations: "all" },
  cloudwatch: { dir: "cloudwatch", operations: "all" },
  sts: { dir: "sts", operations: "all" },
  ssm: { dir: "ssm", operations: ["GetParameter", "GetParameters", "GetParametersByPath", "DescribeParameters", "PutParameter", "DeleteParameter"] },
  iam: {
    dir: "iam",
    operations: [
      "CreateRole", "GetRole", "DeleteRole", "ListRoles", "UpdateRole", "UpdateAssumeRolePolicy", "TagRole", "UntagRole", "ListRoleTags",
      "AttachRolePolicy", "DetachRolePolicy", "ListAttachedRolePolicies", "PutRolePolicy", "GetRolePolicy", "DeleteRolePolicy", "ListRolePolicies",
      "CreatePolicy", "GetPolicy", "GetPolicyVersion", "DeletePolicy", "ListPolicies",
      "CreateInstanceProfile", "GetInstanceProfile", "DeleteInstanceProfile", "ListInstanceProfiles", "ListInstanceProfilesForRole",
      "AddRoleToInstanceProfile", "RemoveRoleFromInstanceProfile", "CreateServiceLinkedRole",
      "CreateUser", "GetUser", "DeleteUser", "ListUsers", "CreateAccessKey", "ListAccessKeys", "DeleteAccessKey",
    ],
  },
  ec2: {
    dir: "ec2",
    operations: [
      "DescribeInstances", "RunInstances", "TerminateInstances", "StopInstances", "StartInstances", "RebootInstances", "DescribeInstanceStatus",
      "DescribeInstanceTypes", "DescribeVpcs", "DescribeSubnets", "DescribeNetworkInterfaces", "DescribeAvailabilityZones", "DescribeRegions",
      "DescribeAccountAttributes", "DescribeImages", "DescribeSecurityGroups", "CreateSecurityGroup", "DeleteSecurityGroup",
      "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress",
      "DescribeSecurityGroupRules", "CreateKeyPair", "ImportKeyPair", "DescribeKeyPairs", "DeleteKeyPair", "CreateLaunchTemplate",
      "CreateLaunchTemplateVersion", "DescribeLaunchTemplates", "DescribeLaunchTemplateVersions", "ModifyLaunchTemplate",
      "DeleteLaunchTemplate", "CreateTags", "DeleteTags", "DescribeTags",
    ],
  },
};

/**
 * Stevedore's additions to AWS's models, each with its reason. The real ECS agent reports container
 * health over its own channel; Stevedore's agent folds it into SubmitTaskStateChange.
 */
const EXTENSIONS = {
  ecs: { ContainerStateChange: { healthStatus: { shape: "HealthStatus" } } },
};

/** Shape and member fields the decoder or the types use; everything else (documentation...) is dropped. */
const SHAPE_KEYS = ["type", "members", "required", "member", "key", "value", "enum", "min", "max", "pattern", "flattened", "locationName", "timestampFormat", "document", "exception", "error"];
const MEMBER_KEYS = ["shape", "locationName", "queryName", "flattened", "idempotencyToken", "jsonvalue", "hostLabel", "location"];
/** Names TypeScript already gives a meaning; shapes so named get a trailing underscore. */
const RESERVED = new Set(["String", "Number", "Boolean", "Object", "Date", "Error", "Symbol", "Function", "Array", "Map", "Set", "Record", "Promise", "Document", "Event", "Blob", "Response", "Request"]);

const botocore = execFileSync("python3", ["-c", "import botocore, os; print(os.path.dirname(botocore.__file__))"], { encoding: "utf8" }).trim();
const version = execFileSync("python3", ["-c", "import botocore; print(botocore.__version__)"], { encoding: "utf8" }).trim();

const typeName = (shape) => (RESERVED.has(shape) ? `${shape}_` : shape);

fs.mkdirSync(OUT, { recursive: true });
for (const [name, spec] of Object.entries(SERVICES)) {
  const dir = path.join(botocore, "data", spec.dir);
  const apiVersion = fs.readdirSync(dir).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort().at(-1);
  const file = path.join(dir, apiVersion, "service-2.json.gz");
  const full = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString("utf8"));
  const operations = spec.operations === "all" ? Object.keys(full.operations) : spec.operations;
  for (const [shape, members] of Object.entries(EXTENSIONS[name] ?? {})) Object.assign(full.shapes[shape].members, members);
  const model = trim(full, operations);
  const header = `// Generated by scripts/generate-aws-models.mjs from botocore ${version} data/${spec.dir}/${apiVersion}. Do not edit.\n`;
  fs.writeFileSync(path.join(OUT, `${name}.model.ts`), `${header}import type { ServiceModel } from "../model.ts";\n\nexport const model: ServiceModel = ${JSON.stringify(model)};\n`);
  fs.writeFileSync(path.join(OUT, `${name}.ts`), header + typesOf(model));
  console.log(`${name}: ${operations.length} operations, ${Object.keys(model.shapes).length} shapes`);
}

function trim(full, operations) {
  const shapes = {};
  const visit = (shapeName) => {
    if (!shapeName || shapes[shapeName]) return;
    const src = full.shapes[shapeName];
    if (!src) throw new Error(`unknown shape ${shapeName}`);
    const shape = pick(src, SHAPE_KEYS);
    shapes[shapeName] = shape;
    if (shape.pattern !== undefined && !compiles(shape.pattern)) delete shape.pattern;
    if (shape.members) {
      shape.members = Object.fromEntries(Object.entries(shape.members).map(([k, m]) => [k, pick(m, MEMBER_KEYS)]));
      for (const m of Object.values(shape.members)) visit(m.shape);
    }
    for (const ref of ["member", "key", "value"]) {
      if (shape[ref]) {
        shape[ref] = pick(shape[ref], MEMBER_KEYS);
        visit(shape[ref].shape);
      }
    }
  };
  const ops = {};
  for (const op of operations) {
    const o = full.operations[op];
    if (!o) throw new Error(`unknown operation ${op}`);
    ops[op] = {
      ...(o.input ? { input: o.input.shape } : {}),
      ...(o.output ? { output: o.output.shape, ...(o.output.resultWrapper ? { resultWrapper: o.output.resultWrapper } : {}) } : {}),
      errors: (o.errors ?? []).map((e) => e.shape),
    };
    visit(o.input?.shape);
    visit(o.output?.shape);
    for (const e of o.errors ?? []) visit(e.shape);
  }
  const m = full.metadata;
  return {
    metadata: pick(m, ["apiVersion", "protocol", "targetPrefix", "jsonVersion", "xmlNamespace", "endpointPrefix", "signingName", "serviceId"]),
    operations: ops,
    shapes,
  };
}

function pick(obj, keys) {
  return Object.fromEntries(keys.filter((k) => obj[k] !== undefined).map((k) => [k, obj[k]]));
}

/** AWS's patterns are Java regular expressions; the few JavaScript cannot compile are left out. */
function compiles(pattern) {
  try {
    new RegExp(`^(?:${pattern})$`, "u");
    return true;
  } catch {
    return false;
  }
}

function typesOf(model) {
  const lines = [];
  const ref = (shapeName) => {
    const s = model.shapes[shapeName];
    switch (s.type) {
      case "structure":
        return s.document ? "unknown" : typeName(shapeName);
      case "list":
        return `${wrap(ref(s.member.shape))}[]`;
      case "map":
        return `Record<string, ${ref(s.value.shape)}>`;
      case "string":
        return s.enum ? typeName(shapeName) : "string";
      case "integer":
      case "long":
      case "float":
      case "double":
        return "number";
      case "boolean":
        return "boolean";
      case "timestamp":
        return "AwsTimestamp";
      case "blob":
        return "Uint8Array";
      default:
        return "unknown";
    }
  };
  const wrap = (t) => (t.includes("|") ? `(${t})` : t);
  for (const [name, s] of Object.entries(model.shapes).sort(([a], [b]) => a.localeCompare(b))) {
    if (s.type === "string" && s.enum) lines.push(`export type ${typeName(name)} = ${s.enum.map((v) => JSON.stringify(v)).join(" | ")};`);
    if (s.type === "structure" && !s.document) {
      const required = new Set(s.required ?? []);
      const members = Object.entries(s.members ?? {}).map(([k, m]) => `  ${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}${required.has(k) ? "" : "?"}: ${ref(m.shape)};`);
      lines.push(`export interface ${typeName(name)} {\n${members.join("\n")}\n}`);
    }
  }
  const ops = Object.entries(model.operations).map(
    ([op, o]) => `  ${op}: { input: ${o.input ? typeName(o.input) : "{}"}; output: ${o.output ? typeName(o.output) : "{}"} };`,
  );
  lines.push(`/** Every operation's input and output. */\nexport interface Operations {\n${ops.join("\n")}\n}`);
  const body = lines.join("\n") + "\n";
  return (body.includes("AwsTimestamp") ? `import type { AwsTimestamp } from "../model.ts";\n\n` : "") + body;
}
