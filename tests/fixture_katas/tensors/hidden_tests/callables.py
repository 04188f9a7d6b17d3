"""Trusted callables for the tensor fixture kata; torch is imported inside the factory."""


def quartic(scale=1.0):
    import torch

    return lambda x: scale * torch.sum(x**4 - 1.5 * x**2)
