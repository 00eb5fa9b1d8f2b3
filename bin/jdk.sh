# Sourced by bin/with-jdk and ./fanout: picks a JDK 21 or newer and exports JAVA_HOME and PATH.
# Fanout targets --release 21; many machines still default to JDK 17. This looks at JAVA_HOME first, then
# Temurin 25, then every JDK under /usr/lib/jvm, and takes the first whose version is >= 21. Written with
# bash builtins only: the launcher runs it before every command, where each forked process costs milliseconds.

# fanout_release_value DIR KEY: sets REPLY to KEY's value in DIR/release (quotes removed), or to "".
fanout_release_value() {
  local line
  REPLY=""
  [ -r "$1/release" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    if [[ $line == "$2="* ]]; then
      line=${line#*=}
      line=${line#\"}
      REPLY=${line%\"}
      return 0
    fi
  done <"$1/release"
}

# fanout_jdk_feature DIR: sets REPLY to the feature version (21, 25, …) of the JDK in DIR, or to "".
fanout_jdk_feature() {
  fanout_release_value "$1" JAVA_VERSION
  if [ -z "$REPLY" ] && [ -x "$1/bin/java" ]; then
    # No release file: ask the JVM (slow, but only on odd installations).
    REPLY=$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | awk -F'= ' '/java.specification.version/{print $2}')
  fi
  REPLY=${REPLY%%.*}
}

# fanout_use_jdk: exports JAVA_HOME (a JDK >= 21) and PATH, or explains and returns 1.
fanout_use_jdk() {
  local d
  for d in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$d" ] && [ -x "$d/bin/javac" ] || continue
    fanout_jdk_feature "$d"
    if [ -n "$REPLY" ] && [ "$REPLY" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$d" FANOUT_JDK_FEATURE="$REPLY"
      export PATH="$JAVA_HOME/bin:$PATH"
      # Maven's bundled Guava calls sun.misc.Unsafe; JDK 23+ warns about it on every build unless told otherwise.
      if [ "$REPLY" -ge 23 ] && [[ "${MAVEN_OPTS:-}" != *sun-misc-unsafe-memory-access* ]]; then
        export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
      fi
      return 0
    fi
  done
  echo "fanout: no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*). Install one (e.g. Temurin 21 or 25) and set JAVA_HOME." >&2
  return 1
}
