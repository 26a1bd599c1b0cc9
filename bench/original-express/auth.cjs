// RE-CREATION of the walkthrough's original auth-service, for the benchmark
// only (see README.md). Keeps the original's plaintext passwords and hard-coded
// JWT secret: do not deploy.
const express = require("express");
const bodyParser = require("body-parser");
const jwt = require("jsonwebtoken");
const pool = require("./pool.cjs");

const SECRET = "supersecretkey";

const app = express();
app.use(bodyParser.json());

app.get("/", (_req, res) => {
  res.json({
    status: "Healthy",
    service: "auth-service",
    endpoints: ["POST - /api/register", "POST - /api/login"],
  });
});

// The password is stored as sent; a duplicate username rejects, which Express 5 answers 500.
app.post("/api/register", async (req, res) => {
  await pool.query("INSERT INTO users (username, password) VALUES ($1, $2)", [
    req.body.username,
    req.body.password,
  ]);
  res.json({ message: "User registered" });
});

// Login compares the plaintext in SQL: no hash, so it costs one indexed query.
app.post("/api/login", async (req, res) => {
  const { username, password } = req.body;
  const { rows } = await pool.query("SELECT * FROM users WHERE username=$1 AND password=$2", [
    username,
    password,
  ]);
  if (rows.length === 0) return res.status(401).json({ message: "Invalid credentials" });
  res.json({ token: jwt.sign({ username }, SECRET, { expiresIn: "1h" }) });
});

app.listen(Number(process.env.PORT || 3000));
