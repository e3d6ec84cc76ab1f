#!/usr/bin/env bash
# Make sure the loopback services the end-to-end tests use are up: PostgreSQL, Redis, RabbitMQ.
# On this project's machines they are started before every session and CI run; this only starts
# one that has stopped, with the same commands, and fails with a clear message if it cannot.
set -uo pipefail

up() { timeout 5 bash -c "$1" >/dev/null 2>&1; }
wait_up() {
  local check=$1 name=$2
  for _ in $(seq 1 30); do up "$check" && return 0; sleep 1; done
  echo "services: $name is not reachable on 127.0.0.1 and could not be started" >&2
  return 1
}

status=0
if ! up "pg_isready -h 127.0.0.1 -p 5432"; then
  echo "services: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  wait_up "pg_isready -h 127.0.0.1 -p 5432" PostgreSQL || status=1
fi
if ! up "redis-cli -h 127.0.0.1 ping | grep -q PONG"; then
  echo "services: starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  wait_up "redis-cli -h 127.0.0.1 ping | grep -q PONG" Redis || status=1
fi
if ! up "exec 3<>/dev/tcp/127.0.0.1/5672"; then
  echo "services: starting RabbitMQ"
  rabbitmq-server -detached || true
  wait_up "exec 3<>/dev/tcp/127.0.0.1/5672" RabbitMQ || status=1
fi
exit $status
