import { customType } from "drizzle-orm/pg-core";

/** Raw bytes (token and key hashes), as Node Buffers. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });
