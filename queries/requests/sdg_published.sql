-- The report's own breakdown of requests by SDG, as published: a request counts under each of its SDGs, so
-- the shares (of all requests) add up to more than 100 %.
SELECT sdg_code, label, level, requests, share_pct / 100 AS share, source
FROM sdg_published
ORDER BY sdg_code;
