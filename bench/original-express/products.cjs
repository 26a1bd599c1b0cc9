// RE-CREATION of the walkthrough's original products-service, for the benchmark
// only (see README.md). Deliberately as plain as the original: do not deploy.
const express = require("express");
const { Pool } = require("pg");

const app = express();
app.use(express.json());

const pool = new Pool({
  host: process.env.DB_HOST,
  port: Number(process.env.DB_PORT || 5432),
  database: process.env.DB_NAME,
  user: process.env.DB_USER,
  password: process.env.DB_PASS,
});

app.get("/", (_req, res) => {
  res.json({ status: "ok", service: "products", endpoints: ["GET /api/products", "POST /api/products"] });
});

app.get("/api/products", async (_req, res) => {
  const result = await pool.query("SELECT * FROM products");
  res.json(result.rows);
});

app.post("/api/products", async (req, res) => {
  const { name, price } = req.body;
  const result = await pool.query("INSERT INTO products (name, price) VALUES ($1, $2) RETURNING *", [
    name,
    price,
  ]);
  res.status(201).json(result.rows[0]);
});

const port = Number(process.env.PORT || 3000);
app.listen(port, () => console.log(`products-service listening on ${port}`));
