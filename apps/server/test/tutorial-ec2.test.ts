/**
 * The ECS developer guide's CLI tutorial for the EC2 launch type, command by command as the guide gives
 * them, in bash with the AWS CLI v2 (only --endpoint-url added, through an `aws` on PATH that adds it):
 * the caller's identity, the default VPC, a cluster, the ECS-optimized AMI from SSM, a security group
 * open on port 80, a key pair, the ecsInstanceRole and its instance profile (the guide's prerequisite),
 * an instance whose user data joins the cluster, the nginx task definition, a service, the web server
 * on the instance's public IP, and the guide's cleanup. The guide's public nginx image is a local
 * stand-in (support/tutorial-images.ts).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestServer, type TestServer } from "./support/test-server.ts";
import { runBash, tutorialImages } from "./support/tutorial-images.ts";

let t: TestServer;
let removeImages = () => {};
before(async () => {
  removeImages = tutorialImages(["public.ecr.aws/docker/library/nginx:latest"]);
  t = await startTestServer("127.114");
});
after(async () => {
  await t?.close();
  removeImages();
});

const GUIDE = String.raw`
set -euo pipefail
aws sts get-caller-identity
VPC_ID=$(aws ec2 describe-vpcs --filters "Name=is-default,Values=true" --query 'Vpcs[0].VpcId' --output text)
echo "VPC $VPC_ID"

# Step 1: create a cluster.
aws ecs create-cluster --cluster-name MyCluster
aws ecs list-clusters

# Step 2: launch a container instance.
AMI_ID=$(aws ssm get-parameters --names /aws/service/ecs/optimized-ami/amazon-linux-2/recommended --query 'Parameters[0].Value' --output text | jq -r '.image_id')
echo "AMI $AMI_ID"
SG_ID=$(aws ec2 create-security-group --group-name ecs-tutorial-sg --description "ECS tutorial security group" --query 'GroupId' --output text)
aws ec2 authorize-security-group-ingress --group-id "$SG_ID" --protocol tcp --port 80 --cidr 0.0.0.0/0
aws ec2 create-key-pair --key-name ecs-tutorial-key --query 'KeyMaterial' --output text > ecs-tutorial-key.pem
chmod 400 ecs-tutorial-key.pem

# The guide's prerequisite: the container instance IAM role.
cat > ecs-instance-trust.json << 'EOF'
{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" } ] }
EOF
aws iam create-role --role-name ecsInstanceRole --assume-role-policy-document file://ecs-instance-trust.json
aws iam attach-role-policy --role-name ecsInstanceRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam create-instance-profile --instance-profile-name ecsInstanceRole
aws iam add-role-to-instance-profile --instance-profile-name ecsInstanceRole --role-name ecsInstanceRole
aws iam wait instance-profile-exists --instance-profile-name ecsInstanceRole

INSTANCE_ID=$(aws ec2 run-instances --image-id "$AMI_ID" --instance-type t3.micro --key-name ecs-tutorial-key --security-group-ids "$SG_ID" --iam-instance-profile Name=ecsInstanceRole --user-data '#!/bin/bash
echo ECS_CLUSTER=MyCluster >> /etc/ecs/ecs.config' --query 'Instances[0].InstanceId' --output text)
aws ec2 wait instance-running --instance-ids "$INSTANCE_ID"

# Step 3: the container instance registers with the cluster.
for i in $(seq 1 60); do
  CONTAINER_INSTANCE=$(aws ecs list-container-instances --cluster MyCluster --query 'containerInstanceArns[0]' --output text)
  [ "$CONTAINER_INSTANCE" != "None" ] && break
  sleep 2
done
aws ecs describe-container-instances --cluster MyCluster --container-instances "$CONTAINER_INSTANCE" --query 'containerInstances[0].[ec2InstanceId,status]' --output text

# Step 4: register a task definition.
cat > nginx-task.json << 'EOF'
{
    "family": "nginx-task",
    "containerDefinitions": [
        {
            "name": "nginx",
            "image": "public.ecr.aws/docker/library/nginx:latest",
            "cpu": 256,
            "memory": 512,
            "essential": true,
            "portMappings": [ { "containerPort": 80, "hostPort": 80, "protocol": "tcp" } ]
        }
    ],
    "requiresCompatibilities": ["EC2"],
    "networkMode": "bridge"
}
EOF
aws ecs register-task-definition --cli-input-json file://nginx-task.json
aws ecs list-task-definitions

# Step 5: create a service, and wait for it.
aws ecs create-service --cluster MyCluster --service-name nginx-service --task-definition nginx-task:1 --desired-count 1
aws ecs list-services --cluster MyCluster
aws ecs wait services-stable --cluster MyCluster --services nginx-service
aws ecs describe-services --cluster MyCluster --services nginx-service --query 'services[0].[status,runningCount]' --output text
TASK_ARN=$(aws ecs list-tasks --cluster MyCluster --service-name nginx-service --query 'taskArns[0]' --output text)
aws ecs describe-tasks --cluster MyCluster --tasks "$TASK_ARN" --query 'tasks[0].containers[0].networkBindings'

# Step 6: the web server answers on the instance's public IP.
PUBLIC_IP=$(aws ec2 describe-instances --instance-ids "$INSTANCE_ID" --query 'Reservations[0].Instances[0].PublicIpAddress' --output text)
echo "PUBLIC_IP=$PUBLIC_IP"
curl -s --connect-timeout 10 "http://$PUBLIC_IP" | grep "Welcome to nginx"

# Step 7: clean up.
aws ecs update-service --cluster MyCluster --service nginx-service --desired-count 0
aws ecs delete-service --cluster MyCluster --service nginx-service
aws ec2 terminate-instances --instance-ids "$INSTANCE_ID"
aws ec2 wait instance-terminated --instance-ids "$INSTANCE_ID"
aws ec2 delete-security-group --group-id "$SG_ID"
aws ec2 delete-key-pair --key-name ecs-tutorial-key
aws ecs delete-cluster --cluster MyCluster
echo "TUTORIAL COMPLETED"
`;

test("the developer guide's EC2 launch type tutorial, with the AWS CLI v2, reaches its end", { timeout: 600_000 }, async () => {
  const { code, output } = await runBash(GUIDE, t.server.url);
  assert.equal(code, 0, output.slice(-4000));
  assert.match(output, /PUBLIC_IP=127\.114\.\d+\.\d+/);
  assert.match(output, /<h1>Welcome to nginx!<\/h1>/);
  assert.match(output, /TUTORIAL COMPLETED/);
});
