// RE-CREATION of the walkthrough's original orders-service, for the benchmark
// only (see README.md). Keeps the original's hard-coded JWT secret: do not deploy.
const express = require("express");
const jwt = require("jsonwebtoken");
const { Pool } = require("pg");

// The original hard-coded its secret; so does this re-creation, on purpose.
const SECRET = "secretkey";

const app = express();
app.use(express.json());

const pool = new Pool({
  host: process.env.DB_HOST,
  port: Number(process.env.DB_PORT || 5432),
  database: process.env.DB_NAME,
  user: process.env.DB_USER,
  password: process.env.DB_PASS,
});

function authenticateToken(req, res, next) {
  const header = req.headers.authorization;
  if (!header) return res.sendStatus(401);
  const token = header.split(" ")[1] || header;
  jwt.verify(token, SECRET, (err, user) => {
    if (err) return res.sendStatus(403);
    req.user = user;
    next();
  });
}

app.get("/", (_req, res) => {
  res.json({ status: "ok", service: "orders", endpoints: ["GET /api/orders", "POST /api/orders"] });
});

app.get("/api/orders", authenticateToken, async (req, res) => {
  const result = await pool.query("SELECT * FROM orders WHERE username = $1", [req.user.username]);
  res.json(result.rows);
});

app.post("/api/orders", authenticateToken, async (req, res) => {
  const { item, quantity } = req.body;
  const result = await pool.query(
    "INSERT INTO orders (username, item, quantity) VALUES ($1, $2, $3) RETURNING *",
    [req.user.username, item, quantity],
  );
  res.status(201).json(result.rows[0]);
});

const port = Number(process.env.PORT || 3000);
app.listen(port, () => console.log(`orders-service listening on ${port}`));
