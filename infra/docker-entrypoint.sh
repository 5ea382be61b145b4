#!/bin/sh
# Entry point of the service's image: secrets as files (compose or Kubernetes secrets). For each secret setting
# below, NAME_FILE names a file whose content (a trailing newline dropped) becomes NAME, so a key, or a password
# inside a database URL, never stands in the compose file or in `docker inspect`. Setting both NAME and NAME_FILE
# is refused: which one would win is not obvious. Only these names are read: a generic "every *_FILE" would
# also swallow variables such as SSL_CERT_FILE, which are paths meant as paths.
# Then the command runs as this process (exec), so the service itself receives SIGTERM from `docker stop`.
set -eu

for name in EVENTSTORE_CONNECTION_STRING READ_MODEL_DATABASE_URL PERSON_KEYS_DATABASE_URL \
  PERSON_KEY_SALTS_DATABASE_URL PERSONAL_DATA_KEY CPR_KEY AUTH_JWT_PUBLIC_KEY; do
  eval "file=\${${name}_FILE:-}"
  [ -n "$file" ] || continue
  eval "given=\${${name}:-}"
  if [ -n "$given" ]; then
    echo "sagsforloeb-entrypoint: both $name and ${name}_FILE are set; set one of them" >&2
    exit 1
  fi
  if [ ! -r "$file" ]; then
    echo "sagsforloeb-entrypoint: ${name}_FILE is $file, which user $(id -u) cannot read" >&2
    exit 1
  fi
  value=$(cat "$file")
  export "$name=$value"
  unset "${name}_FILE"
done

exec "$@"
