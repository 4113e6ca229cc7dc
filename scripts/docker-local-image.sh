#!/bin/sh
# Builds a small PostgreSQL image from this machine's own PostgreSQL installation, for hosts
# that cannot pull images: the server binaries, their shared libraries (found with ldd), the
# share directory (extensions such as pgTAP included) and an entrypoint that follows the official
# postgres image's conventions (POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB, POSTGRES_INITDB_ARGS,
# PGPORT, PGDATA, arguments after `postgres` passed to the server).
#
# Usage: scripts/docker-local-image.sh [MAJOR]   (default: PG_MAJOR, else the newest installed)
# Re-uses the image when it exists. Progress goes to stderr; the image name is the last line of stdout.
set -eu

die() {
  echo "docker-local-image: $*" >&2
  exit 1
}

command -v docker >/dev/null 2>&1 || die "the docker command is not installed"
docker version --format '{{.Server.Version}}' >/dev/null 2>&1 || die "the Docker daemon does not answer (is dockerd running? is DOCKER_HOST right?)"

major="${1:-${PG_MAJOR:-}}"
if [ -z "$major" ]; then
  major=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1)
fi
[ -n "$major" ] || die "no PostgreSQL installation under /usr/lib/postgresql"
bindir="/usr/lib/postgresql/$major/bin"
sharedir="/usr/share/postgresql/$major"
[ -x "$bindir/postgres" ] || die "$bindir/postgres not found"
[ -d "$sharedir" ] || die "$sharedir not found"

image="pgshift-local/postgres:$major"
# The recipe: this script and the exact server version. An image built from another recipe is rebuilt.
recipe=$({ cat "$0"; "$bindir/postgres" --version; } | sha256sum | cut -c1-16)
if [ "$(docker image inspect --format '{{index .Config.Labels "pgshift.recipe"}}' "$image" 2>/dev/null)" = "$recipe" ]; then
  echo "$image"
  exit 0
fi
previous=$(docker image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)

started=$(date +%s)
root=$(mktemp -d "${TMPDIR:-/tmp}/pgshift-image.XXXXXX")
trap 'rm -rf "$root"' EXIT INT TERM

# The same merged-/usr layout as the host, so that ldd's paths hold inside the image.
for d in bin sbin lib lib64 lib32 libx32; do
  if [ -L "/$d" ]; then ln -s "$(readlink "/$d")" "$root/$d"; fi
done

copy_tree() { # copy_tree DIR [EXCLUDE...]
  src="$1"
  shift
  mkdir -p "$root$(dirname "$src")"
  set -- --exclude=./lib/llvmjit.so --exclude=./lib/llvmjit_types.bc --exclude=./lib/bitcode "$@"
  tar -C "$src" -cf - "$@" . | { mkdir -p "$root$src" && tar -C "$root$src" -xf -; }
}

# JIT (llvmjit.so and its bitcode) is left out: it would pull in LLVM (over 100 MB), and the
# server simply runs without JIT when the provider library is absent.
copy_tree "/usr/lib/postgresql/$major"
copy_tree "$sharedir"
copy_tree /usr/share/zoneinfo

copy_file() { # copy_file PATH: the file's content at the path as seen through directory symlinks
  dir=$(realpath "$(dirname "$1")")
  mkdir -p "$root$dir"
  cp -L "$1" "$root$dir/$(basename "$1")"
}

sh_path=$(command -v sh)
rm_path=$(command -v rm)
copy_file "$sh_path"
copy_file "$rm_path"

# Every shared library that the server, its tools, its extensions and the two shell tools need.
libs=$(
  find "$root/usr/lib/postgresql/$major" -type f \( -perm -u+x -o -name '*.so' \) | while read -r f; do
    ldd "${f#"$root"}" 2>/dev/null || true
  done
  ldd "$sh_path"
  ldd "$rm_path"
)
echo "$libs" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u | while read -r lib; do
  copy_file "$lib"
done

mkdir -p "$root/etc" "$root/tmp" "$root/var/lib/postgresql" "$root/var/run/postgresql" "$root/usr/local/bin"
# The server runs as postgres (uid 999 as in the official image); the directories it writes to
# are world-writable with the sticky bit, so that nothing in the tar needs a non-root owner.
chmod 1777 "$root/tmp" "$root/var/lib/postgresql" "$root/var/run/postgresql"
printf 'root:x:0:0:root:/root:/bin/sh\npostgres:x:999:999:PostgreSQL:/var/lib/postgresql:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\npostgres:x:999:\n' >"$root/etc/group"

cat >"$root/usr/local/bin/docker-entrypoint.sh" <<'ENTRYPOINT'
#!/bin/sh
# The official postgres image's interface, for what pgshift uses: POSTGRES_USER (default
# postgres), POSTGRES_PASSWORD (absent: trust), POSTGRES_DB (default: the user's name),
# POSTGRES_INITDB_ARGS, PGDATA, PGPORT (read by the server itself); arguments after `postgres`
# go to the server.
set -e
if [ "${1#-}" != "$1" ]; then set -- postgres "$@"; fi
if [ "$1" != postgres ]; then exec "$@"; fi
shift
user="${POSTGRES_USER:-postgres}"
db="${POSTGRES_DB:-$user}"
case "$user$db" in *'"'*) echo 'POSTGRES_USER and POSTGRES_DB must not contain a double quote' >&2; exit 1 ;; esac
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -n "${POSTGRES_PASSWORD:-}" ]; then
    pwfile="/tmp/.pgshift-pwfile.$$"
    (umask 077 && printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile")
    # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS holds several words, as in the official image
    initdb -D "$PGDATA" -U "$user" -E UTF8 --locale=C --auth-local=trust --auth-host=scram-sha-256 --pwfile="$pwfile" ${POSTGRES_INITDB_ARGS:-}
    rm -f "$pwfile"
    auth=scram-sha-256
  else
    # shellcheck disable=SC2086
    initdb -D "$PGDATA" -U "$user" -E UTF8 --locale=C --auth=trust ${POSTGRES_INITDB_ARGS:-}
    auth=trust
  fi
  printf 'host all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"
  if [ "$db" != postgres ]; then
    echo "CREATE DATABASE \"$db\"" | postgres --single -D "$PGDATA" postgres >/dev/null
  fi
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"
ENTRYPOINT
chmod 755 "$root/usr/local/bin/docker-entrypoint.sh"

echo "docker-local-image: importing $image ($(du -sh "$root" | cut -f1))" >&2
tar -C "$root" --owner=0 --group=0 --numeric-owner -cf - . | docker import \
  --change 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
  --change 'CMD ["postgres"]' \
  --change 'USER postgres' \
  --change "ENV PATH=/usr/lib/postgresql/$major/bin:/usr/local/bin:/usr/bin:/bin" \
  --change 'ENV PGDATA=/var/lib/postgresql/data' \
  --change "ENV PG_MAJOR=$major" \
  --change 'EXPOSE 5432' \
  --change "LABEL pgshift.recipe=$recipe" \
  --change 'ENV TZ=UTC' \
  - "$image" >/dev/null
if [ -n "$previous" ]; then docker image rm "$previous" >/dev/null 2>&1 || true; fi
echo "docker-local-image: built $image in $(($(date +%s) - started)) s" >&2
echo "$image"
