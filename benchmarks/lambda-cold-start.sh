#!/usr/bin/env bash
# Cold start of the Lambda artifact on this machine: bootstrap-lambda/target/fanout-lambda.jar in a new JVM under
# the runtime interface client 2.10.1 (as the java21 managed runtime starts it), from the JVM's start to the first
# response posted to a local Lambda Runtime API, with Firehose, S3 and CloudWatch as local fakes. Prints every
# round and the medians of init, first invocation and the total.
#
#   benchmarks/lambda-cold-start.sh [ROUNDS] [EVENT_FILE] [HANDLER_CLASS] [MEMORY_MB]
#
# Defaults: 7 rounds, samples/pipes-event.json, dev.fanout.bootstrap.lambda.PipeTargetHandler, 1024 MB.
# The function runs with the java21 runtime's JIT default (JAVA_TOOL_OPTIONS="-XX:+TieredCompilation
# -XX:TieredStopAtLevel=1"); FANOUT_JAVA_TOOL_OPTIONS sets the function's own JAVA_TOOL_OPTIONS instead, as its
# configuration would in Lambda, e.g. FANOUT_JAVA_TOOL_OPTIONS='-XX:+TieredCompilation -XX:TieredStopAtLevel=4'.
# FANOUT_COMPARE_WITH=OTHER.jar[,…] alternates the rounds between the built jar and those (before/after, same
# conditions). A first, uncounted round warms the fakes (they run in the benchmark's JVM).
# Builds the jar and the test classes first (offline when everything is downloaded; FANOUT_ONLINE=1 to resolve).
set -euo pipefail
cd "$(dirname "$0")/.."
offline=-o
[ "${FANOUT_ONLINE:-0}" = 1 ] && offline=

work=bootstrap-lambda/target/cold-start
mkdir -p "$work"
# One reactor run: the jar, the test classes, and the test class path (the last module written is bootstrap-lambda).
bin/with-jdk ./mvnw -B -ntp -q $offline -pl bootstrap-lambda -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$work/test.classpath"
# The runtime interface client and what it needs, as the managed runtime has them: from that class path.
tr ':' '\n' < "$work/test.classpath" \
  | grep -E '/(aws-lambda-java-runtime-interface-client|aws-lambda-java-serialization|aws-lambda-java-core|utils-lite)-[0-9][^/]*\.jar$' \
  | paste -sd: - > "$work/ric.classpath"

ls -l bootstrap-lambda/target/fanout-lambda.jar | awk '{printf "artifact: %s, %d bytes (%.1f MB)\n", $NF, $5, $5/1e6}'
bin/with-jdk java -cp "bootstrap-lambda/target/test-classes:bootstrap-lambda/target/classes:$(cat "$work/test.classpath")" \
  -Dfanout.lambda.jar="$PWD/bootstrap-lambda/target/fanout-lambda.jar" \
  -Dfanout.lambda.ric.classpath="$(cat "$work/ric.classpath")" \
  -Dfanout.lambda.javaToolOptions="${FANOUT_JAVA_TOOL_OPTIONS:-}" \
  -Dfanout.lambda.compareWith="${FANOUT_COMPARE_WITH:-}" \
  dev.fanout.bootstrap.lambda.runtime.ColdStart "${1:-7}" "${2:-samples/pipes-event.json}" \
  "${3:-dev.fanout.bootstrap.lambda.PipeTargetHandler}" "${4:-1024}"
