"""The reports layer: what the notebooks show (views, plots, the cooperation network) and the papermill runs of them."""
