// RE-CREATION of the walkthrough's original orders-service, for the benchmark
// only (see README.md). Keeps the original's hard-coded JWT secret: do not deploy.
const express = require("express");
const bodyParser = require("body-parser");
const jwt = require("jsonwebtoken");
const pool = require("./pool.cjs");

// The original hard-coded its secret; so does this re-creation, on purpose.
const SECRET = "supersecretkey";

const app = express();
app.use(bodyParser.json());

// As the original: no header is 403, a bad token 401, and "Bearer " is stripped if present.
function authenticate(req, res, next) {
  const header = req.headers.authorization;
  if (!header) return res.status(403).json({ message: "Token required" });
  jwt.verify(header.replace("Bearer ", ""), SECRET, (err, decoded) => {
    if (err) return res.status(401).json({ message: "Invalid token" });
    req.user = decoded;
    next();
  });
}

app.get("/", (_req, res) => {
  res.json({
    status: "Healthy",
    service: "orders-service",
    endpoints: ["GET  - /api/orders", "POST - /api/orders"],
  });
});

app.get("/api/orders", authenticate, async (req, res) => {
  const { rows } = await pool.query("SELECT * FROM orders WHERE username=$1", [req.user.username]);
  res.json(rows);
});

app.post("/api/orders", authenticate, async (req, res) => {
  const { item, quantity } = req.body;
  await pool.query("INSERT INTO orders (username, item, quantity) VALUES ($1, $2, $3)", [
    req.user.username,
    item,
    quantity,
  ]);
  res.json({ message: "Order created" });
});

app.listen(Number(process.env.PORT || 3000));
