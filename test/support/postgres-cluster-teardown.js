// jest globalTeardown: stops the throw-away PostgreSQL cluster that postgres-cluster.js started.
module.exports = require('./postgres-cluster').teardown;
