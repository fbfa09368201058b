import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clusterFromUserData } from "../src/user-data.ts";

const table: [string, string | undefined, string | undefined][] = [
  ["no user data", undefined, undefined],
  ["empty", "", undefined],
  ["the console's template", "#!/bin/bash\necho ECS_CLUSTER=my-cluster >> /etc/ecs/ecs.config;", "my-cluster"],
  ["quoted", "#!/bin/bash\necho \"ECS_CLUSTER=prod_1\" >> /etc/ecs/ecs.config", "prod_1"],
  ["single-quoted with tee", "echo 'ECS_CLUSTER=blue' | sudo tee -a /etc/ecs/ecs.config", "blue"],
  ["a bare ecs.config text", "ECS_ENABLE_TASK_IAM_ROLE=true\nECS_CLUSTER=staging\nECS_LOGLEVEL=debug\n", "staging"],
  ["CRLF line ends", "ECS_LOGLEVEL=info\r\nECS_CLUSTER=win\r\n", "win"],
  ["a heredoc", "#!/bin/bash\ncat <<'EOF' >> /etc/ecs/ecs.config\nECS_CLUSTER=heredoc\nEOF", "heredoc"],
  ["the last assignment wins, as in the file", "echo ECS_CLUSTER=a >> /etc/ecs/ecs.config\necho ECS_CLUSTER=b >> /etc/ecs/ecs.config", "b"],
  ["commented out lines do not count", "# echo ECS_CLUSTER=old >> /etc/ecs/ecs.config\necho ECS_CLUSTER=new >> /etc/ecs/ecs.config", "new"],
  ["only a comment", "#ECS_CLUSTER=nope", undefined],
  ["another variable that ends like it", "MY_ECS_CLUSTER=nope", undefined],
  ["a cluster ARN", "ECS_CLUSTER=arn:aws:ecs:us-east-1:123456789012:cluster/arn-named", "arn:aws:ecs:us-east-1:123456789012:cluster/arn-named"],
  ["Bottlerocket TOML", '[settings.ecs]\ncluster = "bottle"\n', "bottle"],
  ["a cluster key outside [settings.ecs]", '[settings.other]\ncluster = "nope"\n', undefined],
  ["unrelated script", "#!/bin/bash\nyum update -y\n", undefined],
];

describe("clusterFromUserData", () => {
  for (const [name, userData, expected] of table) {
    it(name, () => assert.equal(clusterFromUserData(userData), expected));
  }
});
