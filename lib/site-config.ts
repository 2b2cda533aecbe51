/** The product's public identity. Renaming the product is this one value. */
export const siteConfig = {
  name: "Acme",
  description: "The multi-tenant SaaS starter with auth and tenancy done right.",
} as const;
