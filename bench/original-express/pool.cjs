// The connection every re-created original opens, as the walkthrough's do: the
// pg release their lock file pins (8.16.3, installed here as `pg-walkthrough`),
// a default Pool (10 connections, no timeouts), always TLS without verifying
// the certificate, and no 'error' listener (an idle connection lost to a
// database restart takes the process down, as it would theirs).
const { Pool } = require("pg-walkthrough");

module.exports = new Pool({
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  database: process.env.DB_NAME,
  password: process.env.DB_PASS,
  port: process.env.DB_PORT,
  ssl: { rejectUnauthorized: false },
});
