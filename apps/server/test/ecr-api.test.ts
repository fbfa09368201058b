/**
 * The ECR API as workshops use it, with the AWS CLI v2 and the SDK v3 against a real server: repositories
 * and their settings, images pushed to the registry then listed, described, fetched, retagged and
 * deleted, lifecycle policies previewed, saved and applied within the interval (images aged with the
 * operator's command), each in ECR's words when refused.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { after, before, test } from "node:test";
import { CreateRepositoryCommand, DescribeImagesCommand, ECRClient, GetLifecyclePolicyPreviewCommand, StartLifecyclePolicyPreviewCommand } from "@aws-sdk/client-ecr";
import { credentials, startTestServer, waitFor, type TestServer } from "./support/test-server.ts";
import { awsCli } from "./support/aws-cli.ts";
import { OCI_INDEX, OCI_MANIFEST, registryClient, sha256, testServerRegistry } from "./support/registry-client.ts";
import { REPO_ROOT } from "../src/config.ts";

let t: TestServer;
let ecr: ECRClient;
before(async () => {
  t = await startTestServer("127.62", { ecrLifecycleIntervalMs: 500 });
  ecr = new ECRClient({ endpoint: t.server.url, region: "us-east-1", credentials });
});
after(async () => {
  await t?.close();
});

const aws = awsCli(() => t);
const reg = registryClient(testServerRegistry(() => t));

/** The AWS CLI's failure: exit code and stderr. */
async function awsFails(...args: string[]): Promise<string> {
  try {
    await aws(...args);
  } catch (err) {
    return String((err as { stderr?: string }).stderr);
  }
  throw new Error(`aws ${args.join(" ")} succeeded`);
}

/** The operator's command, as a workshop runs it next to the server. */
const ageImages = (...args: string[]) =>
  promisify(execFile)(process.execPath, ["--import", "tsx", "apps/server/src/ecr/age-images-command.ts", ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, STEVEDORE_DATA_DIR: t.config.dataDir, STEVEDORE_ACCOUNT_ID: t.config.accountId },
  });

test("repositories: create with settings, refuse duplicates and bad names, describe, tag, policies, delete", async () => {
  // Exclusion filters are newer than Debian's AWS CLI 2.9: the SDK sends them.
  const { repository: repo } = await ecr.send(new CreateRepositoryCommand({
    repositoryName: "team-a/web",
    imageTagMutability: "IMMUTABLE_WITH_EXCLUSION",
    imageTagMutabilityExclusionFilters: [{ filterType: "WILDCARD", filter: "latest" }],
    imageScanningConfiguration: { scanOnPush: true },
    encryptionConfiguration: { encryptionType: "KMS" },
    tags: [{ Key: "team", Value: "a" }],
  }));
  if (!repo) throw new Error("no repository");
  assert.equal(repo.repositoryArn, `arn:aws:ecr:us-east-1:${t.config.accountId}:repository/team-a/web`);
  assert.equal(repo.repositoryUri, `${t.config.accountId}.dkr.ecr.us-east-1.localhost:${t.server.ctx.ecr.port}/team-a/web`);
  assert.deepEqual(repo.imageTagMutabilityExclusionFilters, [{ filterType: "WILDCARD", filter: "latest" }]);
  assert.deepEqual(repo.imageScanningConfiguration, { scanOnPush: true });
  assert.deepEqual(repo.encryptionConfiguration, { encryptionType: "KMS", kmsKey: `arn:aws:kms:us-east-1:${t.config.accountId}:alias/aws/ecr` });

  assert.match(await awsFails("ecr", "create-repository", "--repository-name", "team-a/web"), new RegExp(`RepositoryAlreadyExistsException.*The repository with name 'team-a/web' already exists in the registry with id '${t.config.accountId}'`));
  assert.match(await awsFails("ecr", "create-repository", "--repository-name", "Bad_Name"), /InvalidParameterException/);
  assert.match(await awsFails("ecr", "describe-repositories", "--repository-names", "nope"), new RegExp(`RepositoryNotFoundException.*The repository with name 'nope' does not exist in the registry with id '${t.config.accountId}'`));

  const arn = repo.repositoryArn!;
  await aws("ecr", "tag-resource", "--resource-arn", arn, "--tags", "Key=env,Value=dev");
  await aws("ecr", "untag-resource", "--resource-arn", arn, "--tag-keys", "team");
  assert.deepEqual((await aws("ecr", "list-tags-for-resource", "--resource-arn", arn)).tags, [{ Key: "env", Value: "dev" }]);

  const mutable = await aws("ecr", "put-image-tag-mutability", "--repository-name", "team-a/web", "--image-tag-mutability", "MUTABLE");
  assert.equal(mutable.imageTagMutability, "MUTABLE");
  await aws("ecr", "put-image-scanning-configuration", "--repository-name", "team-a/web", "--image-scanning-configuration", "scanOnPush=false");
  const [described] = (await aws("ecr", "describe-repositories", "--repository-names", "team-a/web")).repositories;
  assert.equal(described.imageTagMutability, "MUTABLE");
  assert.equal(described.imageTagMutabilityExclusionFilters, undefined);
  assert.deepEqual(described.imageScanningConfiguration, { scanOnPush: false });

  const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "pull", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: ["ecr:BatchGetImage"] }] });
  assert.match(await awsFails("ecr", "get-repository-policy", "--repository-name", "team-a/web"), /RepositoryPolicyNotFoundException.*Repository policy does not exist for the repository with name 'team-a\/web'/);
  assert.match(await awsFails("ecr", "set-repository-policy", "--repository-name", "team-a/web", "--policy-text", "{not json"), /InvalidParameterException.*Invalid repository policy provided/);
  await aws("ecr", "set-repository-policy", "--repository-name", "team-a/web", "--policy-text", policy);
  assert.equal((await aws("ecr", "get-repository-policy", "--repository-name", "team-a/web")).policyText, policy);
  await aws("ecr", "delete-repository-policy", "--repository-name", "team-a/web");

  assert.deepEqual(await aws("ecr", "describe-registry"), { registryId: t.config.accountId, replicationConfiguration: { rules: [] } });

  await reg.pushImage("team-a/web", "v1", [Buffer.from("layer")]);
  assert.match(await awsFails("ecr", "delete-repository", "--repository-name", "team-a/web"), /RepositoryNotEmptyException.*cannot be deleted because it still contains images/);
  await aws("ecr", "delete-repository", "--repository-name", "team-a/web", "--force");
  assert.equal((await aws("ecr", "describe-repositories")).repositories.some((r: { repositoryName: string }) => r.repositoryName === "team-a/web"), false);
  assert.equal((await reg.request("GET", "/v2/team-a/web/tags/list")).status, 404);
});

test("images: list and describe (tag filters, sizes, pull time), batch-get, retag with put-image, delete by tag and digest", async () => {
  await aws("ecr", "create-repository", "--repository-name", "images");
  const one = await reg.pushImage("images", "v1", [Buffer.alloc(1000, 1), Buffer.alloc(500, 2)]);
  const two = await reg.pushImage("images", "v2", [Buffer.alloc(300, 3)]);
  await reg.request("DELETE", "/v2/images/manifests/v2"); // untagged now
  await reg.request("GET", "/v2/images/manifests/v1");

  const all = await aws("ecr", "list-images", "--repository-name", "images");
  assert.deepEqual(all.imageIds.map((i: { imageTag?: string }) => i.imageTag ?? "<untagged>").sort(), ["<untagged>", "v1"]);
  assert.deepEqual((await aws("ecr", "list-images", "--repository-name", "images", "--filter", "tagStatus=UNTAGGED")).imageIds, [{ imageDigest: two.digest }]);

  const { imageDetails } = await ecr.send(new DescribeImagesCommand({ repositoryName: "images", imageIds: [{ imageTag: "v1" }] }));
  const detail = imageDetails![0]!;
  assert.equal(detail.imageDigest, one.digest);
  assert.deepEqual(detail.imageTags, ["v1"]);
  assert.equal(detail.imageSizeInBytes, 1500, "the compressed layers");
  assert.equal(detail.imageManifestMediaType, OCI_MANIFEST);
  assert.equal(detail.artifactMediaType, "application/vnd.oci.image.config.v1+json");
  assert.ok(detail.imagePushedAt instanceof Date);
  assert.ok(detail.lastRecordedPullTime instanceof Date, "pulled by the registry GET above");
  assert.match(await awsFails("ecr", "describe-images", "--repository-name", "images", "--image-ids", "imageTag=v9"),
    new RegExp(`ImageNotFoundException.*The image with imageId \\{imageDigest:'null', imageTag:'v9'\\} does not exist within the repository with name 'images' in the registry with id '${t.config.accountId}'`));

  const got = await aws("ecr", "batch-get-image", "--repository-name", "images", "--image-ids", "imageTag=v1", "imageTag=v7");
  assert.equal(got.images[0].imageManifest, one.manifest.toString());
  assert.deepEqual(got.failures, [{ imageId: { imageTag: "v7" }, failureCode: "ImageNotFound", failureReason: "Requested image not found" }]);

  // Retag by manifest, as the ECR docs' "retag an image with the AWS CLI" does.
  await aws("ecr", "put-image", "--repository-name", "images", "--image-tag", "stable", "--image-manifest", got.images[0].imageManifest);
  assert.match(await awsFails("ecr", "put-image", "--repository-name", "images", "--image-tag", "stable", "--image-manifest", got.images[0].imageManifest), /ImageAlreadyExistsException.*Image with digest '.*' and tag 'stable' already exists/);
  const ghost = JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: sha256("no such config"), size: 3 }, layers: [] });
  assert.match(await awsFails("ecr", "put-image", "--repository-name", "images", "--image-tag", "x", "--image-manifest", ghost), /LayersNotFoundException.*Layers with digests/);
  await aws("ecr", "put-image-tag-mutability", "--repository-name", "images", "--image-tag-mutability", "IMMUTABLE");
  const other = await reg.pushImage("images", "other");
  assert.match(await awsFails("ecr", "put-image", "--repository-name", "images", "--image-tag", "stable", "--image-manifest", other.manifest.toString()),
    /ImageTagAlreadyExistsException.*The image tag 'stable' already exists in the 'images' repository and cannot be overwritten because the repository is immutable\./);
  await aws("ecr", "put-image-tag-mutability", "--repository-name", "images", "--image-tag-mutability", "MUTABLE");
  await aws("ecr", "batch-delete-image", "--repository-name", "images", "--image-ids", "imageTag=other");

  // A tag goes alone while the image has another; the last tag takes the image with it.
  const byTag = await aws("ecr", "batch-delete-image", "--repository-name", "images", "--image-ids", "imageTag=stable", "imageTag=nope");
  assert.deepEqual(byTag.imageIds, [{ imageDigest: one.digest, imageTag: "stable" }]);
  assert.equal(byTag.failures[0].failureCode, "ImageNotFound");
  assert.equal((await reg.request("HEAD", `/v2/images/manifests/${one.digest}`)).status, 200);
  await aws("ecr", "batch-delete-image", "--repository-name", "images", "--image-ids", "imageTag=v1");
  assert.equal((await reg.request("HEAD", `/v2/images/manifests/${one.digest}`)).status, 404);
  const byDigest = await aws("ecr", "batch-delete-image", "--repository-name", "images", "--image-ids", `imageDigest=${two.digest}`);
  assert.deepEqual(byDigest.imageIds, [{ imageDigest: two.digest }]);
  assert.deepEqual((await aws("ecr", "list-images", "--repository-name", "images")).imageIds, []);
});

test("an image an index names cannot be deleted before the index", async () => {
  await aws("ecr", "create-repository", "--repository-name", "multi-arch");
  const child = await reg.pushImage("multi-arch", "amd64", [Buffer.from("amd64 layer")]);
  const index = JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [{ mediaType: OCI_MANIFEST, digest: child.digest, size: child.manifest.length, platform: { architecture: "amd64", os: "linux" } }] });
  assert.equal((await reg.request("PUT", "/v2/multi-arch/manifests/latest", { body: index, headers: { "Content-Type": OCI_INDEX } })).status, 201);
  const refused = await aws("ecr", "batch-delete-image", "--repository-name", "multi-arch", "--image-ids", `imageDigest=${child.digest}`);
  assert.deepEqual(refused.failures, [{ imageId: { imageDigest: child.digest }, failureCode: "ImageReferencedByManifestList", failureReason: `Requested image referenced by manifest list: [${child.digest}]` }]);
  const [indexDetail] = (await aws("ecr", "describe-images", "--repository-name", "multi-arch", "--image-ids", "imageTag=latest")).imageDetails;
  assert.equal(indexDetail.imageManifestMediaType, OCI_INDEX);
  assert.equal(indexDetail.imageSizeInBytes, "amd64 layer".length, "an index is as large as its largest manifest");
});

test("lifecycle policies: refused in ECR's words, previewed, saved, applied within the interval, in the history", async () => {
  await aws("ecr", "create-repository", "--repository-name", "lifecycle");
  for (const tag of ["prod-1", "prod-2", "prod-3", "dev-1"]) await reg.pushImage("lifecycle", tag);
  const untagged = await reg.pushImage("lifecycle", "tmp");
  await reg.request("DELETE", "/v2/lifecycle/manifests/tmp");
  // Labs age images rather than wait: the first prod image and the untagged one were "pushed" 20 days ago.
  const { stdout } = await ageImages("--repository", "lifecycle", "--days", "20", "--tag", "prod-1", "--digest", untagged.digest);
  assert.match(stdout, /Aged 2 image\(s\) of lifecycle/);

  const policy = {
    rules: [
      { rulePriority: 1, description: "keep two prod", selection: { tagStatus: "tagged", tagPatternList: ["prod*"], countType: "imageCountMoreThan", countNumber: 2 }, action: { type: "expire" } },
      { rulePriority: 2, description: "old untagged", selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 14 }, action: { type: "expire" } },
    ],
  };
  const text = JSON.stringify(policy);
  const broken = JSON.stringify({ rules: [{ ...policy.rules[0], selection: { tagStatus: "tagged", countType: "imageCountMoreThan", countNumber: 2 } }] });
  assert.match(await awsFails("ecr", "put-lifecycle-policy", "--repository-name", "lifecycle", "--lifecycle-policy-text", broken),
    /InvalidParameterException.*Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED\.'/);
  assert.match(await awsFails("ecr", "get-lifecycle-policy", "--repository-name", "lifecycle"), /LifecyclePolicyNotFoundException/);

  // The preview of the policy, not saved yet: the oldest prod image and the old untagged one.
  const started = await ecr.send(new StartLifecyclePolicyPreviewCommand({ repositoryName: "lifecycle", lifecyclePolicyText: text }));
  assert.equal(started.status, "COMPLETE");
  const preview = await ecr.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: "lifecycle" }));
  assert.deepEqual(preview.previewResults!.map((r) => [r.imageTags, r.appliedRulePriority, r.action?.type]), [[["prod-1"], 1, "EXPIRE"], [[], 2, "EXPIRE"]]);
  assert.equal(preview.summary?.expiringImageTotalCount, 2);
  const cliPreview = await aws("ecr", "get-lifecycle-policy-preview", "--repository-name", "lifecycle", "--filter", "tagStatus=UNTAGGED");
  assert.deepEqual(cliPreview.previewResults.map((r: { imageDigest: string }) => r.imageDigest), [untagged.digest]);
  assert.equal((await aws("ecr", "list-images", "--repository-name", "lifecycle")).imageIds.length, 5, "a preview expires nothing");

  await aws("ecr", "put-lifecycle-policy", "--repository-name", "lifecycle", "--lifecycle-policy-text", text);
  await waitFor("the saved policy to be applied", async () => (await aws("ecr", "list-images", "--repository-name", "lifecycle")).imageIds.length === 3, 10_000);
  const left = (await aws("ecr", "list-images", "--repository-name", "lifecycle")).imageIds.map((i: { imageTag: string }) => i.imageTag).sort();
  assert.deepEqual(left, ["dev-1", "prod-2", "prod-3"]);
  assert.ok((await aws("ecr", "get-lifecycle-policy", "--repository-name", "lifecycle")).lastEvaluatedAt);

  const history = (await (await fetch(`${t.server.url}/stevedore/v1/ecr/lifecycle-events?repositoryName=lifecycle`)).json()) as { events: { imageTags: string[]; rulePriority: number; action: string }[] };
  assert.deepEqual(history.events.map((e) => [e.imageTags, e.rulePriority, e.action]).sort(), [[[], 2, "expire"], [["prod-1"], 1, "expire"]]);

  await aws("ecr", "delete-lifecycle-policy", "--repository-name", "lifecycle");
  assert.match(await awsFails("ecr", "get-lifecycle-policy", "--repository-name", "lifecycle"), /LifecyclePolicyNotFoundException.*Lifecycle policy does not exist for the repository with name 'lifecycle'/);
});
