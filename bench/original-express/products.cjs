// RE-CREATION of the walkthrough's original products-service, for the benchmark
// only (see README.md). Deliberately as plain as the original: do not deploy.
const express = require("express");
const bodyParser = require("body-parser");
const pool = require("./pool.cjs");

const app = express();
app.use(bodyParser.json());

app.get("/", (_req, res) => {
  res.json({
    status: "Healthy",
    service: "catalog-service",
    endpoints: ["GET  - /api/products", "POST - /api/products"],
  });
});

// Express 5 answers a rejected handler with its default 500 page; the process lives on.
app.get("/api/products", async (_req, res) => {
  const { rows } = await pool.query("SELECT * FROM products");
  res.json(rows);
});

app.post("/api/products", async (req, res) => {
  await pool.query("INSERT INTO products (name, price) VALUES ($1, $2)", [req.body.name, req.body.price]);
  res.json({ message: "Product added" });
});

app.listen(Number(process.env.PORT || 3000));
