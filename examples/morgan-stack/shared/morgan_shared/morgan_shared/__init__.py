"""Shared utilities of the example stack."""


def banner(service):
    return f"morgan {service}: ok"
