/**
 * An exercise-sized dataset for the bench's SQL phase (src/lib/sql/): 50 customers, 20 products, 150 orders
 * and their 300 lines, generated the same way every time; the size decks/README.md allows ("a few
 * hundred rows at most"). And a query of the kind an exercise asks for: joins, grouping, a window, order.
 */
export function benchDatasetSql(): string {
	const cities = ['Leeds', 'York', 'Hull', 'Bath', null];
	const customers = Array.from({ length: 50 }, (_, i) => {
		const city = cities[i % cities.length];
		return `(${i + 1}, 'customer ${i + 1}', ${city ? `'${city}'` : 'NULL'})`;
	});
	const products = Array.from(
		{ length: 20 },
		(_, i) => `(${i + 1}, 'product ${i + 1}', ${(i * 7.3 + 2).toFixed(2)})`
	);
	const orders = Array.from(
		{ length: 150 },
		(_, i) => `(${i + 1}, ${((i * 37) % 50) + 1}, DATE '2026-01-01' + ${i % 300})`
	);
	const lines = Array.from(
		{ length: 150 },
		(_, i) => `(${i + 1}, ${((i * 13) % 20) + 1}, ${(i % 4) + 1}), (${i + 1}, ${((i * 29) % 20) + 1}, 1)`
	);
	return `
CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, city text);
CREATE TABLE products (id integer PRIMARY KEY, name text NOT NULL, price numeric(8,2) NOT NULL);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers, placed date NOT NULL);
CREATE TABLE order_lines (order_id integer NOT NULL REFERENCES orders, product_id integer NOT NULL REFERENCES products,
  quantity integer NOT NULL);
INSERT INTO customers VALUES ${customers.join(', ')};
INSERT INTO products VALUES ${products.join(', ')};
INSERT INTO orders VALUES ${orders.join(', ')};
INSERT INTO order_lines VALUES ${lines.join(', ')};
`;
}

/** Each city's three best customers by money spent, with their rank. */
export const BENCH_QUERY = `
SELECT city, name, spent, rank FROM (
  SELECT c.city, c.name, sum(l.quantity * p.price) AS spent,
         rank() OVER (PARTITION BY c.city ORDER BY sum(l.quantity * p.price) DESC, c.id) AS rank
  FROM customers c
  JOIN orders o ON o.customer_id = c.id
  JOIN order_lines l ON l.order_id = o.id
  JOIN products p ON p.id = l.product_id
  GROUP BY c.id, c.city, c.name
) ranked
WHERE rank <= 3
ORDER BY city NULLS LAST, rank;
`;
