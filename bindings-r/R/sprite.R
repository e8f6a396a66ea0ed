#' SPRITE: random samples behind a reported mean and SD
#'
#' Draws samples of `n` scale values whose mean and SD are consistent with
#' the reports, for when there are too many to list with [closure()].
#'
#' `method = "uniform"` (the default) draws exactly uniformly from every
#' consistent sample (the CLOSURE set under the restrictions), through
#' exact counts: when no sample exists it says so (`possible` is 0), and it
#' never returns an inconsistent sample. Where the samples are too many to
#' count it draws by a Markov chain whose stationary distribution is exactly
#' uniform, and the result's `method` says `"chain"`; `method = "chain"` asks
#' for the chain always. `method = "sprite"` is the classic
#' random-walk heuristic of `rsprite2`, for cases too large to count: it is
#' biased and may miss samples that exist; a walk gives up after
#' `max_iterations` moves, and drawing stops after `max_misses` walks in a
#' row that failed or found a sample already drawn.
#'
#' The same `seed` gives the same samples in R, Python, Rust and the
#' command line. Without one, a seed is drawn from R's random number
#' generator (so `set.seed()` applies) and kept in the result.
#'
#' @inheritParams closure
#' @param progress Show a text progress bar when drawing takes more than a
#'   second (the Markov chain's draws can).
#' @param restrictions_exact Values that occur exactly this often: a named
#'   vector of counts, named by the scale values, as in `c("1" = 0, "7" = 2)`.
#' @param restrictions_minimum Values that occur at least this often, in
#'   the same form, or `"range"` for both scale ends at least once.
#' @param n_samples How many samples to draw.
#' @param seed The seed (a whole number below 2^53), or `NULL`.
#' @param method `"uniform"`, `"chain"` or `"sprite"`.
#' @param replace `TRUE` to draw with replacement (a sample may come twice).
#' @param max_iterations,max_misses Limits of the `"sprite"` method.
#'
#' @return An object of class `ferrox_sprite` (also a `ferrox_closure`)
#'   with `count` (samples drawn), `possible` (how many consistent samples
#'   exist, as a number with the exact digits in its `"exact"` attribute, or
#'   `NA` when unknown), `values`, `frequencies` (one row per sample, in the
#'   order drawn), `horns`, `seed`, `method`, `attempts`, `failures` and
#'   `duplicates`.
#' @export
#'
#' @examples
#' x <- sprite("3.5", "1.2", 50, 1, 7, n_samples = 4, seed = 1)
#' x
#' summary(x)
#' as.data.frame(x)
#' sprite("3.5", "1.9", 20, 1, 7, restrictions_exact = c("4" = 3),
#'        restrictions_minimum = "range", seed = 2, method = "sprite")
#' sprite("5.19", "1.00", 28, 1, 7)$possible
sprite <- function(mean, sd, n, scale_min, scale_max, items = 1,
                   restrictions_exact = NULL, restrictions_minimum = NULL,
                   n_samples = 10, seed = NULL, method = "uniform", replace = FALSE,
                   rounding = "up_or_down", threshold = 5,
                   rounding_error_mean = NULL, rounding_error_sd = NULL,
                   population = FALSE, max_iterations = 1e5, max_misses = 100,
                   max_memory_mb = 1024, progress = interactive()) {
  call <- sys.call()
  # 53 random bits, as in Python: every seed a double holds exactly.
  if (is.null(seed)) seed <- sum(floor(stats::runif(2) * 2^c(26, 27)) * c(2^27, 1))
  range <- identical(restrictions_minimum, "range")
  if (is.character(restrictions_minimum) && !range) {
    ferrox_abort('`restrictions_minimum` must be a named vector of counts or "range"', call)
  }
  counts <- function(x, name) {
    if (is.list(x)) x <- unlist(x)
    if (is.null(x)) {
      return(NULL)
    }
    if (!is.numeric(x) || is.null(names(x))) {
      ferrox_abort(paste0("`", name, '` must be a named vector of counts, as in c("1" = 2)'), call)
    }
    stats::setNames(as.double(x), names(x))
  }
  settings <- list(
    n_samples = setting(n_samples, "n_samples", "number", call),
    seed = setting(seed, "seed", "number", call),
    max_iterations = setting(max_iterations, "max_iterations", "number", call),
    max_misses = setting(max_misses, "max_misses", "number", call),
    max_memory_mb = setting(max_memory_mb, "max_memory_mb", "number", call)
  )
  case <- reported_case(
    mean, sd, n, scale_min, scale_max, items, rounding, threshold,
    rounding_error_mean, rounding_error_sd, population, call
  )
  bar <- text_bar(setting(progress, "progress", "flag", call))
  on.exit(bar$close())
  drawn <- core(
    sprite_run(
      case, counts(restrictions_exact, "restrictions_exact"),
      if (range) NULL else counts(restrictions_minimum, "restrictions_minimum"),
      range, settings, setting(method, "method", "string", call),
      setting(replace, "replace", "flag", call), bar$report
    ),
    call
  )
  possible <- if (is.null(drawn$possible)) NA_real_ else structure(as.double(drawn$possible), exact = drawn$possible)
  structure(
    c(samples_fields(drawn$samples), list(
      possible = possible, seed = seed, method = drawn$method, attempts = drawn$attempts,
      failures = drawn$failures, duplicates = drawn$duplicates
    )),
    class = c("ferrox_sprite", "ferrox_closure")
  )
}

#' @export
print.ferrox_sprite <- function(x, ...) {
  cat("SPRITE (", x$method, ", seed ", format(x$seed, scientific = FALSE), "): ", x$count, " samples", sep = "")
  if (!is.na(x$possible)) cat(" of", attr(x$possible, "exact"), "possible")
  cat(" on a scale from", x$values[1], "to", x$values[length(x$values)], "\n")
  if (x$method == "sprite") {
    cat(x$attempts, "walks:", x$failures, "failed,", x$duplicates, "duplicates\n")
  }
  print(utils::head(as.data.frame(x)))
  invisible(x)
}

#' @export
plot.ferrox_sprite <- function(x, max_grid = 16, ...) {
  if (x$count == 0) {
    graphics::plot(x$values, rep(NA_real_, length(x$values)),
      ylim = c(0, 1), xlab = "scale value", ylab = "proportion at or below", main = "0 samples"
    )
    return(invisible(x))
  }
  if (x$count > max_grid) {
    cumulative <- t(apply(x$frequencies, 1, cumsum)) / sum(x$frequencies[1, ])
    graphics::matplot(x$values, t(cumulative),
      type = "s", lty = 1, col = grDevices::adjustcolor("black", max(0.02, 1 / max(x$count, 1))),
      xlab = "scale value", ylab = "proportion at or below", main = paste(x$count, "samples")
    )
    return(invisible(x))
  }
  cols <- ceiling(sqrt(x$count))
  old <- graphics::par(mfrow = c(ceiling(x$count / cols), cols), mar = c(2, 2, 1, 1))
  on.exit(graphics::par(old))
  top <- max(x$frequencies)
  for (i in seq_len(x$count)) {
    graphics::barplot(x$frequencies[i, ], names.arg = format(x$values), ylim = c(0, top))
  }
  invisible(x)
}
