# R fGarch's garchFit(~garch(1,1)) timed on series given by the forecast bench (bench/suites/forecast.ts).
# Usage: Rscript bench/peers/fgarchFit.R <input.csv> <repeats>; input.csv has columns case,value.
# Prints one line per case: name<TAB>median seconds<TAB>log-likelihood<TAB>mu omega alpha1 beta1.
suppressMessages(library(fGarch))
arguments <- commandArgs(trailingOnly = TRUE)
data <- read.csv(arguments[1], stringsAsFactors = FALSE)
repeats <- as.integer(arguments[2])
for (name in unique(data$case)) {
  x <- data$value[data$case == name]
  invisible(garchFit(~garch(1, 1), data = x, trace = FALSE))
  times <- numeric(repeats)
  for (i in seq_len(repeats)) times[i] <- system.time(fit <- garchFit(~garch(1, 1), data = x, trace = FALSE))[["elapsed"]]
  cat(name, median(times), -fit@fit$llh, paste(coef(fit), collapse = " "), sep = "\t")
  cat("\n")
}
