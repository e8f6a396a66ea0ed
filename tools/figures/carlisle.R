# The figure of docs/guide.md's section on Carlisle's test: per-trial
# p-values of 2,000 simulated trials, honestly randomised and with
# fabricated baselines. Run from the repository root with ferrox installed:
#   Rscript tools/figures/carlisle.R
set.seed(20261201)
simulate <- function(trials, fabricate) {
  rows <- list()
  for (t in seq_len(trials)) {
    n <- sample(30:79, 1)
    for (v in 1:4) {
      mu <- 10 * v
      sigma <- v
      a <- rnorm(n, mu, sigma)
      b <- rnorm(n, mu, sigma)
      groups <- list(c(mean(a), sd(a)), c(mean(b), sd(b)))
      if (fabricate) groups[[2]] <- c(groups[[1]][1] + 0.02 * sigma * rnorm(1), groups[[1]][2])
      for (g in 1:2) {
        rows[[length(rows) + 1]] <- data.frame(
          trial = paste0("T", t), variable = paste0("v", v), group = c("A", "B")[g], n = n,
          mean = sprintf("%.2f", groups[[g]][1]), sd = sprintf("%.2f", groups[[g]][2])
        )
      }
    }
  }
  do.call(rbind, rows)
}
honest <- ferrox::carlisle(simulate(2000, FALSE))
fabricated <- ferrox::carlisle(simulate(2000, TRUE))
png("docs/carlisle.png", width = 900, height = 400, res = 110)
par(mfrow = c(1, 2), mar = c(5.6, 4.2, 3, 1))
label <- function(result) {
  u <- result$uniformity[2, ]
  p <- if (u$ks_p < 1e-16) "< 1e-16" else sprintf("= %.3g", u$ks_p)
  sprintf("KS p %s, AUC = %.2f", p, u$auc)
}
hist(honest$trials$stouffer_p, breaks = seq(0, 1, 0.05), col = "grey80", border = "white",
  main = "Honest randomisation", xlab = "per-trial p (Stouffer)", sub = label(honest))
hist(fabricated$trials$stouffer_p, breaks = seq(0, 1, 0.05), col = "grey40", border = "white",
  main = "Fabricated baselines", xlab = "per-trial p (Stouffer)", sub = label(fabricated))
invisible(dev.off())
cat(label(honest), "\n", label(fabricated), "\n")
