# Reference figures for the ratio-metric and CUPED cases, by R 4.2.2 on
# ../fixtures/units.jsonl. Not run by the tests: its output is stored in
# reference.json. Regenerate with
#   jq -r '[.variant, .user_id, .tokens, .turns, .score, (.label == "positive" | if . then 1 else 0 end), .pre] | @csv' \
#     ../fixtures/units.jsonl > /tmp/units.csv && Rscript reference.R /tmp/units.csv > reference.json
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], header = FALSE,
              col.names = c("variant", "user", "tokens", "turns", "score", "ok", "pre"))
num <- function(x) formatC(x, digits = 17, format = "g")
out <- list()
put <- function(name, fig) {
  out[[length(out) + 1]] <<- paste0('"', name, '":{',
    paste0('"', names(fig), '":', sapply(fig, num), collapse = ","), "}")
}
# The delta method: units (or records) with sums y and n per arm.
delta <- function(y, n) {
  k <- length(y); r <- sum(y) / sum(n)
  v <- (var(y) - 2 * r * cov(y, n) + r^2 * var(n)) / (k * mean(n)^2)
  c(r = r, v = v)
}
ztest <- function(a, b) {
  d <- b["r"] - a["r"]; se <- sqrt(a["v"] + b["v"]); z <- d / se; q <- qnorm(0.975)
  c(estimate_control = unname(a["r"]), estimate_variant = unname(b["r"]),
    difference = unname(d), statistic = unname(z), p_value = unname(2 * pnorm(-abs(z))),
    ci_low = unname(d - q * se), ci_high = unname(d + q * se), se = unname(se))
}
A <- d$variant == "control"; B <- !A
# Ratio metric sum(tokens)/sum(turns), each record a unit.
put("ratio_records", ztest(delta(d$tokens[A], d$turns[A]), delta(d$tokens[B], d$turns[B]))[1:7])
# The same over users, leaving out users seen under both variants.
mixed <- names(which(tapply(d$variant, d$user, function(v) length(unique(v)) > 1)))
u <- d[!(d$user %in% mixed), ]
agg <- aggregate(cbind(tokens, turns, score, ok, n = 1, pre) ~ user + variant, data = u, FUN = sum)
agg$pre <- agg$pre / agg$n # the covariate is constant within a user
ua <- agg[agg$variant == "control", ]; ub <- agg[agg$variant == "treatment", ]
put("ratio_units", ztest(delta(ua$tokens, ua$turns), delta(ub$tokens, ub$turns))[1:7])
# CUPED over records: theta is lm's slope on the pooled records.
cuped <- function(y, name) {
  theta <- unname(coef(lm(y ~ d$pre))[2])
  stopifnot(abs(theta - cov(y, d$pre) / var(d$pre)) < 1e-12 * abs(theta))
  adj <- y - theta * (d$pre - mean(d$pre))
  t <- t.test(adj[B], adj[A]); p <- t.test(y[B], y[A])
  put(name, c(estimate_control = unname(t$estimate[2]), estimate_variant = unname(t$estimate[1]),
              difference = unname(t$estimate[1] - t$estimate[2]), statistic = unname(t$statistic),
              df = unname(t$parameter), p_value = t$p.value, ci_low = t$conf.int[1],
              ci_high = t$conf.int[2], theta = theta,
              variance_reduction = 1 - (t$stderr / p$stderr)^2))
}
cuped(d$score, "cuped_mean")
cuped(d$ok, "cuped_binary")
# CUPED over users: every record carries its user's covariate; theta is
# the records' slope, each user's sum is adjusted by theta n (x - mean x).
cuped_units <- function(col, name) {
  theta <- unname(coef(lm(u[[col]] ~ u$pre))[2])
  adj <- agg[[col]] - theta * agg$n * (agg$pre - mean(u$pre))
  a <- agg$variant == "control"
  z <- ztest(delta(adj[a], agg$n[a]), delta(adj[!a], agg$n[!a]))
  p <- ztest(delta(agg[[col]][a], agg$n[a]), delta(agg[[col]][!a], agg$n[!a]))
  put(name, c(z[1:7], theta = theta, variance_reduction = unname(1 - (z["se"] / p["se"])^2)))
}
cuped_units("score", "cuped_units_mean")
cuped_units("ok", "cuped_units_binary")
cat("{", paste(out, collapse = ",\n"), "}\n", sep = "")
