#!/usr/bin/env bash
# Makes a Java runtime base image from this machine's own JDK (jlink) and shared libraries, for a
# machine that can reach no container registry:
#
#   src/main/docker/make-local-base.sh [image, default livetodo-base:local]
#   docker build --build-arg BASE_IMAGE=livetodo-base:local -f src/main/docker/Dockerfile.jvm .
set -euo pipefail
image="${1:-livetodo-base:local}"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT

mkdir -p "$root/opt/java" "$root/bin" "$root/etc" "$root/tmp"
chmod 1777 "$root/tmp"
"$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules ALL-MODULE-PATH \
    --strip-debug --no-header-files --no-man-pages --output "$root/opt/java/openjdk"
cp /bin/dash "$root/bin/sh"
# The libraries the shell and the runtime load; those of desktop parts missing here are not needed headless.
{ ldd "$root/bin/sh"; ldd "$root/opt/java/openjdk/bin/java"; find "$root/opt/java/openjdk" -name '*.so' -exec ldd {} \; ; } 2>/dev/null \
    | grep -o '/[^ ]*\.so[^ ]*' | sort -u | while read -r lib; do
        mkdir -p "$root$(dirname "$lib")"
        cp -L "$lib" "$root$lib"
    done
printf 'root:x:0:0:root:/root:/bin/sh\njboss:x:185:185:jboss:/deployments:/bin/sh\n' > "$root/etc/passwd"
printf 'root:x:0:\njboss:x:185:\n' > "$root/etc/group"
tar -C "$root" -c . | docker import \
    --change 'ENV JAVA_HOME=/opt/java/openjdk' \
    --change 'ENV PATH=/opt/java/openjdk/bin:/usr/bin:/bin' \
    - "$image" >/dev/null
echo "$image"
