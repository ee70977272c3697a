"""The GraphQL API: schema, resolvers over the store seam, protections, HTTP endpoint, GraphiQL."""
