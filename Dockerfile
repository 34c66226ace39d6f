# Production image. Node 22 LTS: the supported production runtime (see README "Runtimes").
# The build needs only production dependencies (TypeScript is one), so the same two commands
# work in and outside the image: npm ci --omit=dev && npm run build.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
EXPOSE 3000 9464
# compiled JavaScript run by node; the operator scripts alike: node dist/scripts/keys.js, dist/scripts/audit.js, dist/scripts/migrate.js
CMD ["node", "dist/src/main.js"]
