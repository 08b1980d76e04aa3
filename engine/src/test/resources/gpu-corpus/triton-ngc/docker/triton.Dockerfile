FROM nvcr.io/nvidia/tritonserver:24.05-py3
COPY model_repository /models
