/**
 * EC2 key pairs. CreateKeyPair makes the key and hands its private half back once, as EC2 does (only
 * the public half is kept); ImportKeyPair takes an OpenSSH public key. Fingerprints as EC2 computes
 * them: SHA-1 of the private key (PKCS#8 DER) for keys it made, MD5 of the public key for imported RSA
 * keys, SHA-256 (base64) for ed25519 keys.
 */
import { createHash, generateKeyPairSync } from "node:crypto";
import { idBytes } from "../reproducible.ts";
import type { KeyPairInfo, Tag } from "@stevedore/shared/aws/models/ec2";
import { AwsError } from "../aws/errors.ts";
import * as store from "../store/ec2-resources.ts";
import { filterRows, tagFields } from "./query-filters.ts";
import { tagsOf } from "./tags.ts";
import type { Ec2Action } from "./service.ts";

const colons = (buf: Buffer) => buf.toString("hex").match(/../g)!.join(":");
const newKeyPairId = () => `key-${idBytes("key-pair", 9).toString("hex").slice(0, 17)}`;
const KEY_NAME = /^[\x20-\x7E]{1,255}$/;

export const createKeyPair: Ec2Action<"CreateKeyPair"> = async (p, ctx) => {
  if (!KEY_NAME.test(p.KeyName)) throw new AwsError("InvalidParameterValue", `Value (${p.KeyName}) for parameter keyName is invalid. Length exceeds maximum of 255 characters or contains invalid characters.`);
  const type = p.KeyType ?? "rsa";
  let material: string;
  let publicKey: string;
  let fingerprint: string;
  if (type === "ed25519") {
    const pair = generateKeyPairSync("ed25519");
    material = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    publicKey = openSshEd25519(pair.publicKey.export({ type: "spki", format: "der" }));
    fingerprint = createHash("sha256").update(sshBlob(publicKey)).digest("base64").replace(/=+$/, "");
  } else {
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    material = pair.privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    publicKey = openSshRsa(pair.publicKey.export({ format: "jwk" }));
    fingerprint = colons(createHash("sha1").update(pair.privateKey.export({ type: "pkcs8", format: "der" })).digest());
  }
  const created = await store.createKeyPair(ctx.allAccounts, {
    accountId: ctx.scope.accountId,
    name: p.KeyName,
    id: newKeyPairId(),
    keyType: type,
    fingerprint,
    publicKey: `${publicKey} ${p.KeyName}`,
    tags: tagsOf(p.TagSpecifications, "key-pair"),
  });
  if (!created) throw new AwsError("InvalidKeyPair.Duplicate", `The keypair '${p.KeyName}' already exists.`);
  return { KeyPairId: created.id, KeyName: created.name, KeyFingerprint: created.fingerprint, KeyMaterial: material, ...(created.tags.length ? { Tags: created.tags } : {}) };
};

export const importKeyPair: Ec2Action<"ImportKeyPair"> = async (p, ctx) => {
  // The blob's bytes, decoded from the Query protocol's base64: the OpenSSH line.
  const text = Buffer.from(p.PublicKeyMaterial).toString("utf8").trim();
  const [kind, blob] = text.split(/\s+/);
  if (!blob || !["ssh-rsa", "ssh-ed25519"].includes(kind!)) throw new AwsError("InvalidKey.Format", "Key is not in valid OpenSSH public key format");
  const raw = Buffer.from(blob, "base64");
  const fingerprint = kind === "ssh-rsa" ? colons(createHash("md5").update(raw).digest()) : createHash("sha256").update(raw).digest("base64").replace(/=+$/, "");
  const created = await store.createKeyPair(ctx.allAccounts, {
    accountId: ctx.scope.accountId,
    name: p.KeyName,
    id: newKeyPairId(),
    keyType: kind === "ssh-rsa" ? "rsa" : "ed25519",
    fingerprint,
    publicKey: text,
    tags: tagsOf(p.TagSpecifications, "key-pair"),
  });
  if (!created) throw new AwsError("InvalidKeyPair.Duplicate", `The keypair '${p.KeyName}' already exists.`);
  return { KeyPairId: created.id, KeyName: created.name, KeyFingerprint: created.fingerprint, ...(created.tags.length ? { Tags: created.tags } : {}) };
};

export const describeKeyPairs: Ec2Action<"DescribeKeyPairs"> = async (p, ctx) => {
  let rows = await store.listKeyPairs(ctx.allAccounts, ctx.scope.accountId);
  for (const name of p.KeyNames ?? []) if (!rows.some((k) => k.name === name)) throw new AwsError("InvalidKeyPair.NotFound", `The key pair '${name}' does not exist`);
  if (p.KeyNames?.length) rows = rows.filter((k) => p.KeyNames!.includes(k.name));
  const selected = filterRows({ ids: p.KeyPairIds, filters: p.Filters }, rows, (k) => ({ "key-pair-id": k.id, "key-name": k.name, fingerprint: k.fingerprint, "key-type": k.keyType, ...tagFields(k.tags) }), {
    field: "key-pair-id",
    notFound: "InvalidKeyPair.NotFound",
    what: "key pair",
  });
  return {
    KeyPairs: selected.map(
      (k): KeyPairInfo => ({
        KeyPairId: k.id,
        KeyType: k.keyType as KeyPairInfo["KeyType"],
        Tags: k.tags as Tag[],
        CreateTime: k.createdAt,
        KeyName: k.name,
        KeyFingerprint: k.fingerprint,
        ...(p.IncludePublicKey ? { PublicKey: k.publicKey } : {}),
      }),
    ),
  };
};

/** Deleting a key pair that does not exist succeeds, as on EC2. */
export const deleteKeyPair: Ec2Action<"DeleteKeyPair"> = async (p, ctx) => {
  if (p.KeyName === undefined && p.KeyPairId === undefined) throw new AwsError("MissingParameter", "The request must contain the parameter KeyName or KeyPairId");
  const existing = (await store.listKeyPairs(ctx.allAccounts, ctx.scope.accountId)).find((k) => k.name === p.KeyName || k.id === p.KeyPairId);
  await store.deleteKeyPair(ctx.allAccounts, ctx.scope.accountId, { ...(p.KeyName !== undefined ? { name: p.KeyName } : {}), ...(p.KeyPairId !== undefined ? { id: p.KeyPairId } : {}) });
  return { Return: true, ...(existing ? { KeyPairId: existing.id } : {}) };
};

// OpenSSH's public key format: a type name, then the key's parts as SSH strings and mpints.
function sshString(b: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(b.length, 0);
  return Buffer.concat([length, b]);
}
const mpint = (b: Buffer) => sshString(b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);

function openSshRsa(jwk: { n?: string; e?: string }): string {
  const blob = Buffer.concat([sshString(Buffer.from("ssh-rsa")), mpint(Buffer.from(jwk.e!, "base64url")), mpint(Buffer.from(jwk.n!, "base64url"))]);
  return `ssh-rsa ${blob.toString("base64")}`;
}

function openSshEd25519(spki: Buffer): string {
  const blob = Buffer.concat([sshString(Buffer.from("ssh-ed25519")), sshString(spki.subarray(spki.length - 32))]);
  return `ssh-ed25519 ${blob.toString("base64")}`;
}

const sshBlob = (publicKey: string) => Buffer.from(publicKey.split(" ")[1]!, "base64");

