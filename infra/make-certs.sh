#!/bin/sh
# The TLS certificates of the three EventStoreDB nodes (infra/compose.yaml), made with EventStore's
# es-gencert-cli image: a CA, then per node a certificate for its name and fixed address. Run once, from anywhere:
#
#   sh infra/make-certs.sh
#
# Leaves infra/certs/ca/ca.crt (public: nodes and clients trust it), infra/certs/node{1,2,3}/node.{crt,key}
# (readable by uid 1000, the user the EventStoreDB image runs as) and the CA's private key in
# infra/certs/ca-private/ca.key (yours, mode 0400): take that off this machine; it is needed again only to make new node
# certificates (es-gencert-cli makes them valid for one year unless told -days).
set -eu
cd "$(dirname "$0")"
if [ -e certs/ca ]; then
  echo "make-certs: infra/certs/ca exists already; move infra/certs away to make new ones" >&2
  exit 1
fi
mkdir -p certs
docker run --rm --user 0:0 --env OWNER="$(id -u):$(id -g)" --volume "$PWD/certs:/certs" --workdir /certs --entrypoint bash \
  "${GENCERT_IMAGE:-eventstore/es-gencert-cli:1.0.2}" -c '
    set -eu
    es-gencert-cli create-ca -out ./ca
    for n in 1 2 3; do
      es-gencert-cli create-node -ca-certificate ./ca/ca.crt -ca-key ./ca/ca.key -out ./node$n \
        -dns-names eventstore-$n -ip-addresses 172.30.240.1$n
    done
    mkdir -p ca-private && mv ca/ca.key ca-private/ca.key && chmod 0400 ca-private/ca.key
    chmod 0444 ca/ca.crt node1/node.crt node2/node.crt node3/node.crt
    chown -R "$OWNER" ca ca-private
    chown -R 1000:1000 node1 node2 node3 && chmod 0400 node1/node.key node2/node.key node3/node.key
  '
echo "made infra/certs: move infra/certs/ca-private/ca.key off this machine"
