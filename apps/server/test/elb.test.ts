/**
 * Application Load Balancers with the AWS CLI v2 and the SDK against a real server: the ELBv2 API in
 * ELB's words (names, duplicates, ranges, rules' limits, hostile values, targets outside the caller's
 * own), and the data plane (HAProxy per load balancer) routing real HTTP to test targets on an
 * instance's loopback address: rules by host and path to two target groups, fixed responses and
 * redirects, ALB's 502 and 503, X-Forwarded headers, the health-check state machine with a target
 * that fails and recovers, and draining that lets an in-flight request finish. Survives a restart.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { after, before, describe, test } from "node:test";
import {
  CreateListenerCommand,
  CreateRuleCommand,
  DescribeTargetHealthCommand,
  ModifyTargetGroupAttributesCommand,
  RegisterTargetsCommand,
  type ElasticLoadBalancingV2Client,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand } from "@aws-sdk/client-auto-scaling";
import { CreateClusterCommand } from "@aws-sdk/client-ecs";
import { startTestServer, waitFor, type TestServer } from "./support/test-server.ts";
import { awsCli } from "./support/aws-cli.ts";
import { elbClient, get, TestTarget } from "./support/elb.ts";

let t: TestServer;
let elb: ElasticLoadBalancingV2Client;
const aws = awsCli(() => t);
let subnets: string[];
let instance: { id: string; address: string };
const targets: TestTarget[] = [];

async function awsFails(...args: string[]): Promise<string> {
  try {
    await aws(...args);
  } catch (err) {
    return String((err as { stderr?: string }).stderr);
  }
  throw new Error(`aws ${args.join(" ")} succeeded`);
}

before(async () => {
  t = await startTestServer("127.100", { loadBalancerNetwork: "127.101" });
  elb = elbClient(t);
  subnets = (await aws("ec2", "describe-subnets", "--filters", "Name=default-for-az,Values=true")).Subnets.map((s: { SubnetId: string }) => s.SubnetId);
  await t.ecs.send(new CreateClusterCommand({ clusterName: "elb" }));
  const userData = Buffer.from("#!/bin/bash\necho ECS_CLUSTER=elb >> /etc/ecs/ecs.config\n").toString("base64");
  await t.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "elb-lc", ImageId: "ami-ecs", InstanceType: "t3.medium", UserData: userData }));
  await t.autoscaling.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: "elb-asg", LaunchConfigurationName: "elb-lc", MinSize: 1, MaxSize: 1, DesiredCapacity: 1, AvailabilityZones: ["us-east-1a"] }));
  instance = await waitFor("an instance", async () => {
    const r = await aws("ec2", "describe-instances");
    const i = r.Reservations?.[0]?.Instances?.[0];
    return i ? { id: i.InstanceId as string, address: i.PrivateIpAddress as string } : undefined;
  });
});
after(async () => {
  for (const target of targets) await target.close();
  await t?.close();
});

const target = async (name: string) => {
  const tt = await new TestTarget(name, instance.address).listen();
  targets.push(tt);
  return tt;
};

async function healthOf(tgArn: string): Promise<Map<string, { State?: string; Reason?: string; Description?: string }>> {
  const r = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn }));
  return new Map((r.TargetHealthDescriptions ?? []).map((d) => [`${d.Target!.Id}:${d.Target!.Port}`, d.TargetHealth ?? {}]));
}

async function createTargetGroup(name: string, extra: string[] = []) {
  const r = await aws("elbv2", "create-target-group", "--name", name, "--protocol", "HTTP", "--port", "80", "--target-type", "instance",
    "--health-check-path", "/health", "--health-check-interval-seconds", "5", "--health-check-timeout-seconds", "2", "--healthy-threshold-count", "2", "--unhealthy-threshold-count", "2", ...extra);
  return r.TargetGroups[0].TargetGroupArn as string;
}

describe("the ELBv2 API", () => {
  test("load balancers, target groups, listeners and rules in ELB's words", async () => {
    const lb = (await aws("elbv2", "create-load-balancer", "--name", "api-lb", "--subnets", ...subnets.slice(0, 2))).LoadBalancers[0];
    assert.match(lb.LoadBalancerArn, /^arn:aws:elasticloadbalancing:us-east-1:\d{12}:loadbalancer\/app\/api-lb\/[0-9a-f]{16}$/);
    assert.match(lb.DNSName, /^api-lb-\d{10}\.us-east-1\.elb\.internal$/);
    assert.equal(lb.Type, "application");
    assert.equal(lb.Scheme, "internet-facing");
    assert.equal(lb.State.Code, "active");
    // The same settings again: the same load balancer; other settings: ELB's duplicate error.
    assert.equal((await aws("elbv2", "create-load-balancer", "--name", "api-lb", "--subnets", ...subnets.slice(0, 2))).LoadBalancers[0].LoadBalancerArn, lb.LoadBalancerArn);
    assert.match(await awsFails("elbv2", "create-load-balancer", "--name", "api-lb", "--subnets", ...subnets.slice(1, 3)), /DuplicateLoadBalancerName.*A load balancer with the same name 'api-lb' exists, but with different settings/);
    assert.match(await awsFails("elbv2", "create-load-balancer", "--name=-bad-", "--subnets", ...subnets.slice(0, 2)), /ValidationError/);
    assert.match(await awsFails("elbv2", "create-load-balancer", "--name", "x".repeat(33), "--subnets", ...subnets.slice(0, 2)), /cannot be longer than '32' characters/);
    assert.match(await awsFails("elbv2", "create-load-balancer", "--name", "one-subnet", "--subnets", subnets[0]!), /At least two subnets/);
    assert.match(await awsFails("elbv2", "describe-load-balancers", "--names", "nope"), /LoadBalancerNotFound/);
    // Security groups as EC2 has them: the default VPC's default one unless named, and only the account's.
    const defaultGroup = (await aws("ec2", "describe-security-groups", "--filters", "Name=group-name,Values=default")).SecurityGroups[0].GroupId;
    assert.deepEqual(lb.SecurityGroups, [defaultGroup]);
    assert.match(await awsFails("elbv2", "create-load-balancer", "--name", "bad-sg", "--subnets", ...subnets.slice(0, 2), "--security-groups", "sg-0123456789abcdef0"), /InvalidSecurityGroup/);
    const sg = (await aws("ec2", "create-security-group", "--group-name", "alb-sg", "--description", "web")).GroupId;
    assert.deepEqual((await aws("elbv2", "set-security-groups", "--load-balancer-arn", lb.LoadBalancerArn, "--security-groups", sg)).SecurityGroupIds, [sg]);

    const tg = await createTargetGroup("api-tg");
    const described = (await aws("elbv2", "describe-target-groups", "--target-group-arns", tg)).TargetGroups[0];
    assert.equal(described.HealthCheckPath, "/health");
    assert.equal(described.Matcher.HttpCode, "200");
    assert.deepEqual(described.LoadBalancerArns, []);
    const defaults = (await aws("elbv2", "create-target-group", "--name", "api-defaults", "--protocol", "HTTP", "--port", "8080", "--vpc-id", lb.VpcId)).TargetGroups[0];
    assert.deepEqual([defaults.HealthCheckIntervalSeconds, defaults.HealthCheckTimeoutSeconds, defaults.HealthyThresholdCount, defaults.UnhealthyThresholdCount, defaults.HealthCheckPort, defaults.TargetType], [30, 5, 5, 2, "traffic-port", "instance"]);
    assert.match(await awsFails("elbv2", "create-target-group", "--name", "api-tg", "--protocol", "HTTP", "--port", "81"), /DuplicateTargetGroupName/);
    assert.match(await awsFails("elbv2", "create-target-group", "--name", "bad-hc", "--protocol", "HTTP", "--port", "80", "--health-check-interval-seconds", "4"), /valid min value: 5/);
    assert.match(await awsFails("elbv2", "create-target-group", "--name", "bad-hc", "--protocol", "HTTP", "--port", "80", "--health-check-interval-seconds", "5", "--health-check-timeout-seconds", "5"), /interval must be greater than the timeout/);
    assert.match(await awsFails("elbv2", "create-target-group", "--name", "bad-hc", "--protocol", "HTTP", "--port", "80", "--matcher", "HttpCode=500"), /ValidationError/);
    const attrs = await aws("elbv2", "describe-target-group-attributes", "--target-group-arn", tg);
    const attr = (k: string) => attrs.Attributes.find((a: { Key: string }) => a.Key === k)?.Value;
    assert.equal(attr("deregistration_delay.timeout_seconds"), "300");
    assert.equal(attr("load_balancing.algorithm.type"), "round_robin");
    assert.match(await awsFails("elbv2", "modify-target-group-attributes", "--target-group-arn", tg, "--attributes", "Key=deregistration_delay.timeout_seconds,Value=3601"), /ValidationError/);
    assert.match(await awsFails("elbv2", "modify-target-group-attributes", "--target-group-arn", tg, "--attributes", "Key=no.such.key,Value=1"), /not recognized/);

    const listener = (await aws("elbv2", "create-listener", "--load-balancer-arn", lb.LoadBalancerArn, "--protocol", "HTTP", "--port", "8080", "--default-actions", `Type=forward,TargetGroupArn=${tg}`)).Listeners[0];
    assert.match(listener.ListenerArn, /:listener\/app\/api-lb\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
    assert.match(await awsFails("elbv2", "create-listener", "--load-balancer-arn", lb.LoadBalancerArn, "--protocol", "HTTP", "--port", "8080", "--default-actions", "Type=fixed-response,FixedResponseConfig={StatusCode=200}"), /DuplicateListener.*A listener already exists on this port/);
    assert.match(await awsFails("elbv2", "delete-target-group", "--target-group-arn", tg), /ResourceInUse.*is currently in use by a listener or a rule/);
    assert.deepEqual((await aws("elbv2", "describe-target-groups", "--load-balancer-arn", lb.LoadBalancerArn)).TargetGroups.map((g: { TargetGroupArn: string }) => g.TargetGroupArn), [tg]);

    const rule = (await aws("elbv2", "create-rule", "--listener-arn", listener.ListenerArn, "--priority", "10", "--conditions", "Field=path-pattern,Values=/api/*", "--actions", "Type=fixed-response,FixedResponseConfig={StatusCode=200,ContentType=text/plain,MessageBody=api}")).Rules[0];
    assert.equal(rule.Priority, "10");
    assert.match(await awsFails("elbv2", "create-rule", "--listener-arn", listener.ListenerArn, "--priority", "10", "--conditions", "Field=path-pattern,Values=/b", "--actions", `Type=forward,TargetGroupArn=${tg}`), /PriorityInUse.*Priority '10' is currently in use/);
    assert.match(await awsFails("elbv2", "create-rule", "--listener-arn", listener.ListenerArn, "--priority", "50001", "--conditions", "Field=path-pattern,Values=/b", "--actions", `Type=forward,TargetGroupArn=${tg}`), /ValidationError/);
    const rules = (await aws("elbv2", "describe-rules", "--listener-arn", listener.ListenerArn)).Rules;
    assert.deepEqual(rules.map((r: { Priority: string; IsDefault: boolean }) => [r.Priority, r.IsDefault]), [["10", false], ["default", true]]);
    assert.match(await awsFails("elbv2", "delete-rule", "--rule-arn", rules[1].RuleArn), /OperationNotPermitted/);
    const second = (await aws("elbv2", "create-rule", "--listener-arn", listener.ListenerArn, "--priority", "20", "--conditions", "Field=host-header,Values=api.example.com", "--actions", `Type=forward,TargetGroupArn=${tg}`)).Rules[0];
    await aws("elbv2", "set-rule-priorities", "--rule-priorities", `RuleArn=${rule.RuleArn},Priority=30`, `RuleArn=${second.RuleArn},Priority=10`);
    assert.deepEqual((await aws("elbv2", "describe-rules", "--listener-arn", listener.ListenerArn)).Rules.map((r: { Priority: string }) => r.Priority), ["10", "30", "default"]);

    await aws("elbv2", "add-tags", "--resource-arns", lb.LoadBalancerArn, tg, "--tags", "Key=team,Value=a");
    assert.deepEqual((await aws("elbv2", "describe-tags", "--resource-arns", tg)).TagDescriptions[0].Tags, [{ Key: "team", Value: "a" }]);
    await aws("elbv2", "remove-tags", "--resource-arns", tg, "--tag-keys", "team");
    assert.deepEqual((await aws("elbv2", "describe-tags", "--resource-arns", tg)).TagDescriptions[0].Tags, []);

    await aws("elbv2", "modify-load-balancer-attributes", "--load-balancer-arn", lb.LoadBalancerArn, "--attributes", "Key=deletion_protection.enabled,Value=true");
    assert.match(await awsFails("elbv2", "delete-load-balancer", "--load-balancer-arn", lb.LoadBalancerArn), /OperationNotPermitted.*deletion protection/);
    await aws("elbv2", "modify-load-balancer-attributes", "--load-balancer-arn", lb.LoadBalancerArn, "--attributes", "Key=deletion_protection.enabled,Value=false");
    await aws("elbv2", "delete-load-balancer", "--load-balancer-arn", lb.LoadBalancerArn);
    assert.match(await awsFails("elbv2", "describe-listeners", "--listener-arns", listener.ListenerArn), /ListenerNotFound/);
    await aws("elbv2", "delete-target-group", "--target-group-arn", tg);
    assert.match(await awsFails("elbv2", "describe-target-groups", "--target-group-arns", tg), /TargetGroupNotFound/);
  });

  test("hostile rule values are refused or stay data; targets must be the caller's own", async () => {
    const lb = (await aws("elbv2", "create-load-balancer", "--name", "hostile", "--subnets", ...subnets.slice(0, 2))).LoadBalancers[0];
    const tg = await createTargetGroup("hostile-tg");
    const ipTg = (await aws("elbv2", "create-target-group", "--name", "hostile-ip", "--protocol", "HTTP", "--port", "80", "--target-type", "ip")).TargetGroups[0].TargetGroupArn;
    const l = (await aws("elbv2", "create-listener", "--load-balancer-arn", lb.LoadBalancerArn, "--protocol", "HTTP", "--port", "80", "--default-actions", `Type=forward,TargetGroupArn=${tg}`)).Listeners[0];
    const rule = (conditions: unknown[], actions: unknown[] = [{ Type: "fixed-response", FixedResponseConfig: { StatusCode: "200" } }], priority = 1) =>
      elb.send(new CreateRuleCommand({ ListenerArn: l.ListenerArn, Priority: priority, Conditions: conditions as never, Actions: actions as never }));
    const refused = async (p: Promise<unknown>, code: RegExp) => assert.match(String(await p.then(() => "accepted", (e: Error) => `${e.name}: ${e.message}`)), code);
    await refused(rule([{ Field: "http-header", HttpHeaderConfig: { HttpHeaderName: "X-A\r\nX-Injected", Values: ["1"] } }]), /ValidationError/);
    await refused(rule([{ Field: "http-header", HttpHeaderConfig: { HttpHeaderName: "X-A", Values: ["a\nb"] } }]), /ValidationError/);
    await refused(rule([{ Field: "host-header", Values: ["evil.com' }\nbackend x"] }]), /ValidationError/);
    await refused(rule([{ Field: "path-pattern", Values: ["/a\u0000"] }]), /ValidationError/);
    await refused(rule([{ Field: "path-pattern", Values: ["/a", "/b"] }, { Field: "path-pattern", Values: ["/c"] }]), /can only have one 'path-pattern'/);
    await refused(rule([{ Field: "path-pattern", Values: ["/a", "/b", "/c"] }, { Field: "host-header", Values: ["a.x", "b.x", "c.x"] }]), /at most '5'/);
    await refused(rule([{ Field: "path-pattern", Values: ["/*/*/*/*/*/*"] }]), /wildcards/);
    await refused(rule([{ Field: "source-ip", SourceIpConfig: { Values: ["10.0.0.0/33"] } }]), /ValidationError/);
    await refused(rule([{ Field: "path-pattern", Values: ["/x"] }], [{ Type: "redirect", RedirectConfig: { StatusCode: "HTTP_301" } }]), /InvalidLoadBalancerAction.*loop/);
    await refused(rule([{ Field: "path-pattern", Values: ["/x"] }], [{ Type: "fixed-response", FixedResponseConfig: { StatusCode: "200", ContentType: "text/evil\r\nX: y" } }]), /InvalidLoadBalancerAction/);
    await refused(rule([{ Field: "path-pattern", Values: ["/x"] }], [{ Type: "redirect", RedirectConfig: { StatusCode: "HTTP_302", Host: "a b" } }]), /InvalidLoadBalancerAction/);
    // Quotes, dollars, percents and ampersands are path characters ALB allows: they stay data.
    await rule([{ Field: "path-pattern", Values: [`/q'"$@&*`] }], [{ Type: "fixed-response", FixedResponseConfig: { StatusCode: "200", ContentType: "text/plain", MessageBody: "quoted' \"body\"\n$(id) %[src]" } }], 2);
    await rule([{ Field: "query-string", QueryStringConfig: { Values: [{ Key: "k'ey", Value: "v%[src]" }] } }], [{ Type: "redirect", RedirectConfig: { StatusCode: "HTTP_302", Path: "/%[src]'x", Query: "a=%25" } }], 3);
    await t.server.ctx.elb.settled();
    const dns = lb.DNSName;
    const quoted = await get(`http://${dns}/q'"$@&tail`);
    assert.equal(quoted.status, 200, quoted.body);
    assert.equal(quoted.body, "quoted' \"body\"\n$(id) %[src]");
    const redirected = await get(`http://${dns}/?k'ey=v%[src]`);
    assert.equal(redirected.status, 302);
    // ALB's Location names the port (#{port} by default).
    assert.equal(redirected.headers.location, `http://${dns}:80/%[src]%27x?a=%25`);

    // Targets: only the caller's own instances and task addresses.
    await refused(elb.send(new RegisterTargetsCommand({ TargetGroupArn: ipTg, Targets: [{ Id: "127.0.0.1", Port: 4400 }] })), /InvalidTarget.*not an address of one of your instances or running tasks/);
    await refused(elb.send(new RegisterTargetsCommand({ TargetGroupArn: ipTg, Targets: [{ Id: "10.1.2.3", Port: 80 }] })), /InvalidTarget/);
    await refused(elb.send(new RegisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: "i-0123456789abcdef0" }] })), /InvalidTarget.*not in a running state/);
    await refused(elb.send(new RegisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: "127.0.0.1" }] })), /ValidationError/);
    await elb.send(new RegisterTargetsCommand({ TargetGroupArn: ipTg, Targets: [{ Id: instance.address, Port: 1 }] }));
    await aws("elbv2", "deregister-targets", "--target-group-arn", ipTg, "--targets", `Id=${instance.address},Port=1`);
    await aws("elbv2", "delete-load-balancer", "--load-balancer-arn", lb.LoadBalancerArn);
  });
});

describe("the data plane", () => {
  test("rules route by host and path to two target groups; fixed responses, redirects, 502, 503 and X-Forwarded headers", async () => {
    const [a1, a2, b1] = [await target("a1"), await target("a2"), await target("b1")];
    const lb = (await aws("elbv2", "create-load-balancer", "--name", "routing", "--subnets", ...subnets.slice(0, 2))).LoadBalancers[0];
    const tgA = await createTargetGroup("routing-a");
    const tgB = await createTargetGroup("routing-b");
    const empty = await createTargetGroup("routing-empty");
    const l = (await aws("elbv2", "create-listener", "--load-balancer-arn", lb.LoadBalancerArn, "--protocol", "HTTP", "--port", "80", "--default-actions", `Type=forward,TargetGroupArn=${tgA}`)).Listeners[0];
    await aws("elbv2", "create-rule", "--listener-arn", l.ListenerArn, "--priority", "5", "--conditions", "Field=host-header,Values=*.b.example.com", "--actions", `Type=forward,TargetGroupArn=${tgB}`);
    await aws("elbv2", "create-rule", "--listener-arn", l.ListenerArn, "--priority", "6", "--conditions", "Field=path-pattern,Values=/b/*", "--actions", `Type=forward,TargetGroupArn=${tgB}`);
    await aws("elbv2", "create-rule", "--listener-arn", l.ListenerArn, "--priority", "7", "--conditions", "Field=path-pattern,Values=/fixed", "--actions", JSON.stringify([{ Type: "fixed-response", FixedResponseConfig: { StatusCode: "418", ContentType: "application/json", MessageBody: '{"teapot":true}' } }]));
    await aws("elbv2", "create-rule", "--listener-arn", l.ListenerArn, "--priority", "8", "--conditions", "Field=path-pattern,Values=/old/*", "--actions", JSON.stringify([{ Type: "redirect", RedirectConfig: { Path: "/new/#{path}", StatusCode: "HTTP_301" } }]));
    await aws("elbv2", "create-rule", "--listener-arn", l.ListenerArn, "--priority", "9", "--conditions", "Field=path-pattern,Values=/empty", "--actions", `Type=forward,TargetGroupArn=${empty}`);
    await aws("elbv2", "create-rule", "--listener-arn", l.ListenerArn, "--priority", "10", "--conditions", '[{"Field":"http-request-method","HttpRequestMethodConfig":{"Values":["DELETE"]}},{"Field":"query-string","QueryStringConfig":{"Values":[{"Key":"v","Value":"b*"}]}}]', "--actions", `Type=forward,TargetGroupArn=${tgB}`);
    await aws("elbv2", "register-targets", "--target-group-arn", tgA, "--targets", `Id=${instance.id},Port=${a1.port}`, `Id=${instance.id},Port=${a2.port}`);
    await aws("elbv2", "register-targets", "--target-group-arn", tgB, "--targets", `Id=${instance.id},Port=${b1.port}`);
    await waitFor("healthy targets", async () => [...(await healthOf(tgA)).values(), ...(await healthOf(tgB)).values()].every((h) => h.State === "healthy"));

    const base = `http://${lb.DNSName}`;
    // curl resolves the DNS name through the hosts file, as a user's does.
    const { stdout } = await promisify(execFile)("curl", ["-s", `${base}/hello`]);
    assert.match(stdout, /^a[12] \/hello$/);
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) seen.add((await get(`${base}/x`)).body.split(" ")[0]!);
    assert.deepEqual([...seen].sort(), ["a1", "a2"], "round robin over both targets");
    assert.equal((await get(`${base}/b/1`)).body, "b1 /b/1");
    assert.equal((await get(`${base}/B/1`)).body.split(" ")[0]!.startsWith("a"), true, "paths are case-sensitive");
    assert.equal((await get(`${base}/x`, { Host: "API.B.example.com" })).body, "b1 /x", "hosts are not");
    assert.equal((await get(`${base}/x`, { Host: "b.example.com" })).body.startsWith("a"), true, "*.b.example.com does not match b.example.com");
    assert.equal((await get(`${base}/q?v=bee`, {}, "DELETE")).body, "b1 /q?v=bee");
    assert.equal((await get(`${base}/q?v=bee`)).body.startsWith("a"), true);
    const fixed = await get(`${base}/fixed`);
    assert.deepEqual([fixed.status, fixed.headers["content-type"], fixed.body], [418, "application/json", '{"teapot":true}']);
    const moved = await get(`${base}/old/page?x=1`);
    assert.deepEqual([moved.status, moved.headers.location], [301, `http://${lb.DNSName}:80/new/old/page?x=1`]);
    const none = await get(`${base}/empty`);
    assert.equal(none.status, 503);
    assert.match(none.body, /503 Service Temporarily Unavailable/);

    await get(`${base}/headers`, { "X-Forwarded-For": "203.0.113.7" });
    const h = (a1.requests > 0 && a1.lastHeaders["x-forwarded-proto"] ? a1 : a2).lastHeaders;
    const last = [a1, a2].map((x) => x.lastHeaders).find((x) => String(x["x-forwarded-for"]).includes("203.0.113.7")) ?? h;
    assert.match(String(last["x-forwarded-for"]), /^203\.0\.113\.7, 127\.0\.0\.1$/);
    assert.equal(last["x-forwarded-proto"], "http");
    assert.equal(last["x-forwarded-port"], "80");
    assert.match(String(last["x-amzn-trace-id"]), /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);

    // A target that refuses connections: ALB's 502.
    await b1.close();
    const bad = await get(`${base}/b/2`);
    assert.equal(bad.status, 502);
    assert.match(bad.body, /502 Bad Gateway/);

    // The load balancer and its routing survive a server restart.
    await t.restart();
    elb = elbClient(t);
    await waitFor("routing after a restart", async () => (await get(`${base}/fixed`).catch(() => ({ status: 0 }))).status === 418);
    assert.match((await get(`${base}/hello`)).body, /^a[12] \/hello$/);
  });

  test("health checks: one success makes a target healthy; failures make it unhealthy, with the reason; it recovers; all unhealthy fails open", async () => {
    const [h1, h2] = [await target("h1"), await target("h2")];
    const lb = (await aws("elbv2", "create-load-balancer", "--name", "health", "--subnets", ...subnets.slice(0, 2))).LoadBalancers[0];
    const tg = await createTargetGroup("health-tg");
    await aws("elbv2", "create-listener", "--load-balancer-arn", lb.LoadBalancerArn, "--protocol", "HTTP", "--port", "80", "--default-actions", `Type=forward,TargetGroupArn=${tg}`);
    await aws("elbv2", "register-targets", "--target-group-arn", tg, "--targets", `Id=${instance.id},Port=${h1.port}`, `Id=${instance.id},Port=${h2.port}`);
    const k1 = `${instance.id}:${h1.port}`;
    const k2 = `${instance.id}:${h2.port}`;
    await waitFor("both healthy after one check", async () => [...(await healthOf(tg)).values()].every((s) => s.State === "healthy"));

    h1.healthStatus = 503;
    const unhealthy = await waitFor("h1 unhealthy", async () => {
      const s = (await healthOf(tg)).get(k1);
      return s?.State === "unhealthy" ? s : undefined;
    });
    assert.deepEqual([unhealthy.Reason, unhealthy.Description], ["Target.ResponseCodeMismatch", "Health checks failed with these codes: [503]"]);
    assert.equal((await healthOf(tg)).get(k2)?.State, "healthy");
    // The data plane applies a health change by a reload, a moment after the state changes (as ALB propagates it).
    await t.server.ctx.elb.settled();
    for (let i = 0; i < 4; i++) assert.match((await get(`http://${lb.DNSName}/`)).body, /^h2 /, "only the healthy target gets requests");

    // Every target unhealthy: ALB routes to all of them.
    h2.healthStatus = 500;
    await waitFor("both unhealthy", async () => [...(await healthOf(tg)).values()].every((s) => s.State === "unhealthy"));
    await t.server.ctx.elb.settled();
    const served = new Set<string>();
    for (let i = 0; i < 6; i++) served.add((await get(`http://${lb.DNSName}/`)).body.split(" ")[0]!);
    assert.deepEqual([...served].sort(), ["h1", "h2"]);

    h1.healthStatus = 200;
    h2.healthStatus = 200;
    await waitFor("recovered after the healthy threshold", async () => [...(await healthOf(tg)).values()].every((s) => s.State === "healthy"));
    await h2.close();
    const timedOut = await waitFor("a closed target fails its checks", async () => {
      const s = (await healthOf(tg)).get(k2);
      return s?.State === "unhealthy" ? s : undefined;
    });
    assert.equal(timedOut.Reason, "Target.FailedHealthChecks");
  });

  test("deregistration drains: an in-flight slow request finishes, nothing new is sent, then the target is gone", async () => {
    const [d1, d2] = [await target("d1"), await target("d2")];
    const lb = (await aws("elbv2", "create-load-balancer", "--name", "drain", "--subnets", ...subnets.slice(0, 2))).LoadBalancers[0];
    const tg = await createTargetGroup("drain-tg");
    await elb.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: tg, Attributes: [{ Key: "deregistration_delay.timeout_seconds", Value: "60" }, { Key: "load_balancing.algorithm.type", Value: "least_outstanding_requests" }] }));
    await elb.send(new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancerArn, Protocol: "HTTP", Port: 80, DefaultActions: [{ Type: "forward", TargetGroupArn: tg }] }));
    await aws("elbv2", "register-targets", "--target-group-arn", tg, "--targets", `Id=${instance.id},Port=${d1.port}`);
    await waitFor("d1 healthy", async () => (await healthOf(tg)).get(`${instance.id}:${d1.port}`)?.State === "healthy");
    let early: unknown;
    const slow = get(`http://${lb.DNSName}/slow`).then((r) => (early = r));
    await waitFor("the slow request at d1", async () => {
      if (early) throw new Error(`answered: ${JSON.stringify(early)}`);
      return d1.waiting === 1;
    });
    await aws("elbv2", "register-targets", "--target-group-arn", tg, "--targets", `Id=${instance.id},Port=${d2.port}`);
    await waitFor("d2 healthy", async () => (await healthOf(tg)).get(`${instance.id}:${d2.port}`)?.State === "healthy");
    await aws("elbv2", "deregister-targets", "--target-group-arn", tg, "--targets", `Id=${instance.id},Port=${d1.port}`);
    assert.equal((await healthOf(tg)).get(`${instance.id}:${d1.port}`)?.State, "draining");
    await t.server.ctx.elb.settled();
    const before = d1.requests;
    for (let i = 0; i < 5; i++) assert.match((await get(`http://${lb.DNSName}/new`)).body, /^d2 /);
    assert.equal(d1.requests, before, "a draining target gets nothing new");
    assert.equal((await healthOf(tg)).get(`${instance.id}:${d1.port}`)?.State, "draining", "still draining while a request is in flight");
    d1.finishSlow();
    const reply = await slow;
    assert.deepEqual([reply.status, reply.body], [200, "slow from d1"]);
    await waitFor("d1 gone once nothing is in flight", async () => !(await healthOf(tg)).has(`${instance.id}:${d1.port}`), 10_000);
  });
});
