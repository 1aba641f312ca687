"""Extractive, cited question answering over Chinese newspaper articles.

Importing the package loads no heavy dependency (torch, faiss, gradio, sentence-transformers):
each stage imports those where it uses them.
"""
__version__ = "0.1.0"
