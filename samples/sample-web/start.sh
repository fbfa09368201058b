#!/bin/sh
# Writes the page once at start: the task's ARN and ID, the container's name and its environment.
mkdir -p /www
meta_task=""
meta_container=""
if [ -n "$ECS_CONTAINER_METADATA_URI_V4" ]; then
  for i in 1 2 3 4 5; do
    # busybox's own wget -T crashes; its timeout applet bounds the request instead.
    meta_task=$(timeout 3 wget -q -O - "$ECS_CONTAINER_METADATA_URI_V4/task" 2>/dev/null) && break
    sleep 1
  done
  meta_container=$(timeout 3 wget -q -O - "$ECS_CONTAINER_METADATA_URI_V4" 2>/dev/null)
fi
field() { echo "$1" | sed -n "s/.*\"$2\":\"\([^\"]*\)\".*/\1/p" | head -n 1; }
task_arn=$(field "$meta_task" TaskARN)
task_id=${task_arn##*/}
container_name=$(field "$meta_container" Name)
{
  echo "<!doctype html><html><head><title>Stevedore sample app</title></head><body style=\"font-family:sans-serif\">"
  echo "<h1>Hello from Stevedore</h1>"
  echo "<p>Task ID: <strong id=\"task-id\">${task_id:-unknown}</strong></p>"
  echo "<p>Task ARN: <code id=\"task-arn\">${task_arn:-unknown}</code></p>"
  echo "<p>Container: <strong id=\"container-name\">${container_name:-unknown}</strong></p>"
  echo "<h2>Environment</h2><pre id=\"environment\">"
  env | sort | sed 's/&/\&amp;/g; s/</\&lt;/g'
  echo "</pre></body></html>"
} > /www/index.html
# As PID 1, httpd would ignore SIGTERM; the shell stops it so StopTask ends the task at once.
httpd -f -p "${PORT:-80}" -h /www &
pid=$!
trap 'kill -TERM "$pid"; wait "$pid"; exit 143' TERM INT
wait "$pid"
