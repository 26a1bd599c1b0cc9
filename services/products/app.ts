// products: the catalogue. Seeded with the walkthrough's five products only
// when the table is empty, under the schema lock so replicas that start
// together seed it exactly once.
//
// POST /api/products needs no token, as in the original service: the course
// lets anyone add to the demo catalogue. Input is validated like everywhere
// else; put it behind the orders service's token check before real use.
//
// Prices are answered as PostgreSQL writes the NUMERIC, a decimal string
// ("1200.50"), as the walkthrough's originals did: exact, and never out of
// range. Any row another client wrote into the shared table (1e400, NaN, NULL)
// is answered as it is stored instead of failing the whole list.
import type { FastifyInstance, FastifyReply } from "fastify";
import { buildService, type ServiceOptions } from "../shared/app.js";
import { withinDeadline } from "../shared/db.js";
import { HttpError } from "../shared/errors.js";
import { text } from "../shared/schemas.js";
import { SharedRead } from "../shared/shared-read.js";

export const SEED_PRODUCTS: readonly { name: string; price: string }[] = [
  { name: "Laptop", price: "1200.50" },
  { name: "Mouse", price: "25.99" },
  { name: "Keyboard", price: "45.00" },
  { name: "Monitor", price: "300.00" },
  { name: "Headphones", price: "75.50" },
];

const MAX_PRICE = 1_000_000_000;

const newProduct = {
  type: "object",
  required: ["name", "price"],
  additionalProperties: false,
  properties: {
    name: text(100),
    price: { type: "number", minimum: 0, maximum: MAX_PRICE },
  },
} as const;

// name and price are nullable columns: null stays null (not "").
const product = {
  type: "object",
  properties: {
    id: { type: "integer" },
    name: { type: ["string", "null"] },
    price: { type: ["string", "null"] },
  },
} as const;

interface Product {
  id: number;
  name: string | null;
  /** NUMERIC as text: "1200.50", "NaN", or a number too large for a double. */
  price: string | null;
}

/** One read of the catalogue, serialized once for every request that shares it. */
interface Catalogue {
  rows: Product[];
  json?: ReturnType<FastifyReply["serialize"]>;
}

interface NewProduct {
  name: string;
  price: number;
}

/**
 * The price as an exact decimal string, if it has at most two decimals. Judged
 * on JavaScript's shortest round-trip form, so 25.99 passes although it is not
 * exact in binary, and 1.999 or 1e-7 do not.
 */
export function exactPrice(price: number): string | undefined {
  const written = String(price);
  return /^\d+(\.\d{1,2})?$/.test(written) ? written : undefined;
}

export function createProductsApp(options: ServiceOptions): Promise<FastifyInstance> {
  return buildService(
    {
      name: "products",
      endpoints: ["GET /api/products", "POST /api/products"],
      async setupSchema(client) {
        await client.query(`CREATE TABLE IF NOT EXISTS products (
          id SERIAL PRIMARY KEY,
          name VARCHAR(100),
          price NUMERIC
        )`);
        await client.query(
          `INSERT INTO products (name, price)
           SELECT * FROM unnest($1::varchar[], $2::numeric[])
           WHERE NOT EXISTS (SELECT 1 FROM products)`,
          [SEED_PRODUCTS.map((p) => p.name), SEED_PRODUCTS.map((p) => p.price)],
        );
      },
      routes(app, { pool }) {
        // The list is the hot path: concurrent requests share one query (never an older one) and one serialization.
        const catalogue = new SharedRead<Catalogue>(async () => {
          const found = await pool.query<Product>({
            name: "all-products",
            text: "SELECT id, name, price::text AS price FROM products ORDER BY id",
          });
          return { rows: found.rows };
        });
        app.get(
          "/api/products",
          { schema: { response: { 200: { type: "array", items: product } } } },
          async (_request, reply) => {
            // A request may wait behind a read in flight, then its own: bound the sum.
            const read = await withinDeadline(catalogue.get());
            read.json ??= reply.serialize(read.rows);
            return reply.type("application/json; charset=utf-8").send(read.json);
          },
        );

        app.post<{ Body: NewProduct }>(
          "/api/products",
          { schema: { body: newProduct, response: { 201: product } } },
          async (request, reply) => {
            const { name, price } = request.body;
            const exact = exactPrice(price);
            if (exact === undefined) throw new HttpError(400, "body/price must have at most two decimals");
            const created = await pool.query({
              name: "create-product",
              text: "INSERT INTO products (name, price) VALUES ($1, $2::numeric) RETURNING id, name, price::text AS price",
              values: [name, exact],
            });
            return reply.code(201).send(created.rows[0]);
          },
        );
      },
    },
    options,
  );
}
